package org.nndl.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.nndl.data.DataSource;
import org.nndl.data.FrameSource;
import org.nndl.data.Sessions;
import org.nndl.error.ExitCode;
import org.nndl.error.UserError;
import org.nndl.metrics.Query;
import org.nndl.metrics.ResultFormat;
import org.nndl.metrics.ResultPrinter;
import org.nndl.metrics.Warehouse;
import org.nndl.run.StopSignal;
import org.nndl.run.TrainRun;
import org.nndl.train.FrameSets;
import org.nndl.train.TrainSettings;
import org.nndl.train.TrainingSets;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code sweep}: the chapter's hyperparameter search. Every (eta, lambda) of the grid is a run of
 * its own in the warehouse (id SWEEP-eta…-lambda…), all trained in one Spark application on the
 * same cached data; a closing table ranks them by their best validation accuracy.
 */
@Command(name = "sweep", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Train one run per (eta, lambda) of a grid, e.g. --eta 0.025,0.25,2.5 --lambda 0,1,5, on data"
        + " read once; then print each combination's best validation accuracy.",
    footer = "Every other option is train's (./submit train --help). Defaults come from conf/nndl.properties.")
final class SweepCommand implements Callable<Integer> {
  @Mixin TrainOptions options;
  @Mixin WarehouseOption warehouse;
  @Option(names = "--sweep-id", description = "prefix of the runs' ids (default: sweep- and a timestamp)")
  String sweepId;
  @Mixin CacheOption cache;
  @Option(names = "--checkpoint-every", paramLabel = "K", description = "as train (default: ${DEFAULT-VALUE})")
  int checkpointEvery;
  @Option(names = "--format", description = "table | csv | json, for the closing table (default: ${DEFAULT-VALUE})")
  String format;

  @Override
  public Integer call() {
    ResultFormat f = ResultFormat.parse(format);
    List<TrainSettings> grid = new ArrayList<>();
    for (double eta : options.eta) for (double lambda : options.lambda) grid.add(options.settings(eta, lambda));
    TrainSettings first = grid.get(0);
    if (first.techniques().validation() == 0) {
      throw new UserError("sweep ranks runs by validation accuracy: add --validation N"
          + " (e.g. --validation 10000, the book's 50,000/10,000 split)");
    }
    FrameSets frames = options.frames(first.data());
    if (!FrameSource.isFrame(first.data())) DataSource.locate(first.data(), cache.path);
    Warehouse wh = warehouse.open();
    String prefix = sweepId != null ? sweepId : "sweep-" + Warehouse.newRunId();
    try (StopSignal stop = StopSignal.install()) {  // before Spark starts: a signal at any moment ends the sweep
      return sweep(grid, frames, wh, prefix, f, stop);
    }
  }

  /** Every run of the grid on data read once, then the closing table; a stop request ends it with its code. */
  private int sweep(List<TrainSettings> grid, FrameSets frames, Warehouse wh, String prefix, ResultFormat f, StopSignal stop) {
    SparkSession spark = Sessions.getOrCreate("nndl-spark sweep " + prefix);
    JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    List<String> ids = new ArrayList<>();
    try (TrainingSets sets = TrainingSets.open(sc, grid.get(0), frames, cache.path)) {  // eta and lambda do not change the data
      for (TrainSettings s : grid) {
        if (stop.requested()) return stop.exitCode();
        String id = prefix + "-eta" + number(s.eta()) + "-lambda" + number(s.lambda());
        ids.add(id);
        System.err.println("sweep: run " + ids.size() + " of " + grid.size() + ": " + id);
        int code = train(spark, sc, sets, wh, id, s, stop);
        if (code == ExitCode.SIGINT || code == ExitCode.SIGTERM) return code;
      }
    }
    if (stop.requested()) return stop.exitCode();
    String in = String.join(", ", ids.stream().map(i -> "'" + i + "'").toList());
    ResultPrinter.print(Query.run(spark, wh, "SELECT run_id, first(eta) AS eta, first(lambda) AS lambda,"
        + " max(validation_accuracy) AS best_validation_accuracy, max_by(epoch, validation_accuracy) AS best_epoch,"
        + " max(test_accuracy) AS best_test_accuracy FROM metrics WHERE run_id IN (" + in + ")"
        + " GROUP BY run_id ORDER BY best_validation_accuracy DESC, run_id"), f, System.out);
    return 0;
  }

  private int train(SparkSession spark, JavaSparkContext sc, TrainingSets sets, Warehouse wh, String id, TrainSettings s,
      StopSignal stop) {
    wh.claimRun(id);
    Map<String, String> values = new LinkedHashMap<>(options.values());  // this run's own eta and lambda, for --resume
    values.put("--eta", String.valueOf(s.eta()));
    values.put("--lambda", String.valueOf(s.lambda()));
    String checkpoints = new Path(wh.runDir(id), "checkpoints").toString();
    TrainRun run = new TrainRun(wh, id, s, values, checkpoints, checkpointEvery);
    return RunConsole.start(run, spark, sc, sets, stop, s.epochs(), id, wh, checkpointEvery > 0);
  }

  /** A number as a run id can hold it: 0.025 -> 0.025, 1.0 -> 1, 1e-05 -> 1e-05. */
  static String number(double v) {
    String s = v == Math.rint(v) && Math.abs(v) < 1e15 ? String.valueOf((long) v) : String.valueOf(v);
    return s.toLowerCase(Locale.ROOT).replace("-", "m");
  }
}
