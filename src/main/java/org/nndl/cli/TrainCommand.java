package org.nndl.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.nndl.data.DataSource;
import org.nndl.metrics.EpochMetrics;
import org.nndl.metrics.MetricsTable;
import org.nndl.metrics.RunsTable;
import org.nndl.metrics.Warehouse;
import org.nndl.net.Activation;
import org.nndl.net.Cost;
import org.nndl.net.Initializer;
import org.nndl.net.ModelJson;
import org.nndl.train.TrainSettings;
import org.nndl.train.Trainer;
import org.nndl.train.TrainingSets;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code train}: one run, from settings to model.json and metrics rows. */
@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Train the network on Spark; per-epoch metrics go to the warehouse's tables.",
    footer = "Defaults come from conf/nndl.properties.")
final class TrainCommand implements Callable<Integer> {
  @Option(names = "--data", description = "sample (bundled digits), mnist, or a folder/URI with the four MNIST files (default: ${DEFAULT-VALUE})")
  String data;
  @Option(names = "--sizes", split = ",", description = "layer sizes, input first (default: ${DEFAULT-VALUE})")
  int[] sizes;
  @Option(names = "--activation", description = "sigmoid | relu, for every layer (default: ${DEFAULT-VALUE})")
  String activation;
  @Option(names = "--cost", description = "cross-entropy | quadratic (default: ${DEFAULT-VALUE})")
  String cost;
  @Option(names = "--init", description = "default (weights N(0,1/sqrt(n_in))) | large (N(0,1)) (default: ${DEFAULT-VALUE})")
  String init;
  @Option(names = "--epochs", description = "(default: ${DEFAULT-VALUE})")
  int epochs;
  @Option(names = "--batch-size", description = "mini-batch size m (default: ${DEFAULT-VALUE})")
  int batchSize;
  @Option(names = "--eta", description = "learning rate (default: ${DEFAULT-VALUE})")
  double eta;
  @Option(names = "--lambda", description = "L2 regularization strength (default: ${DEFAULT-VALUE})")
  double lambda;
  @Option(names = "--seed", description = "seed of the initial weights and of each epoch's shuffle (default: ${DEFAULT-VALUE})")
  long seed;
  @Option(names = "--train-limit", description = "use the first N training images, 0 = all (default: ${DEFAULT-VALUE})")
  int trainLimit;
  @Option(names = "--test-limit", description = "use the first N test images, 0 = all (default: ${DEFAULT-VALUE})")
  int testLimit;
  @Option(names = "--monitor", negatable = true, description = "also score the training set each epoch (default: ${DEFAULT-VALUE})")
  boolean monitor;
  @Option(names = "--partitions", description = "partitions of the training set, 0 = Spark's default parallelism (default: ${DEFAULT-VALUE})")
  int partitions;
  @Option(names = "--sync-every", paramLabel = "K|epoch|exact",
      description = "exact = one synchronization per mini-batch (the book's algorithm); K = each partition takes K local steps between averagings; epoch = one averaging per epoch (default: ${DEFAULT-VALUE})")
  String syncEvery;
  @Mixin WarehouseOption warehouse;
  @Option(names = "--run-id", description = "name of this run (default: a timestamp)")
  String runId;
  @Mixin CacheOption cache;

  TrainSettings settings() {
    return new TrainSettings(data, sizes, Activation.parse(activation), Cost.parse(cost), Initializer.parse(init),
        epochs, batchSize, eta, lambda, seed, trainLimit, testLimit, monitor, partitions, sync(syncEvery)).validate();
  }

  static int sync(String text) {
    if (text == null || text.equals("exact")) return TrainSettings.EXACT;
    if (text.equals("epoch")) return TrainSettings.ONE_EPOCH;
    try {
      int k = Integer.parseInt(text);
      if (k > 0) return k;
    } catch (NumberFormatException ignored) {
      // reported below
    }
    throw new IllegalArgumentException("--sync-every " + text + ": use exact, a positive number of local steps, or epoch");
  }

  @Override
  public Integer call() throws IOException {
    TrainSettings s = settings();
    DataSource.locate(s.data(), cache.path);  // a missing file is refused before Spark starts
    Warehouse wh = warehouse.open();
    // A generated id that a run started in the same second also drew is drawn again; a given one is refused.
    String id = runId != null ? runId : wh.claimNewRun();
    Path runDir = runId != null ? wh.claimRun(id) : wh.runDir(id);
    boolean saved = false;
    List<EpochMetrics> epochs = new ArrayList<>();
    StopSignal stop = StopSignal.install();
    try {
      SparkSession spark = SparkSession.builder().appName("nndl-spark train " + id).getOrCreate();
      JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
      double[] params = s.init().init(s.spec().layout(), s.seed());
      try (TrainingSets sets = TrainingSets.open(sc, s, cache.path)) {
        LinkedHashMap<String, Object> runRow = s.all();
        runRow.put("n_train", sets.trainSize());
        runRow.put("n_test", sets.testSize());
        runRow.put("master", sc.master());
        new RunsTable(wh).write(spark, id, runRow);
        MetricsTable metrics = new MetricsTable(wh);
        LinkedHashMap<String, Object> hyper = s.hyperparameters();
        hyper.put("n_train", sets.trainSize());
        Trainer.Result result;
        try (EpochProgress progress = new EpochProgress(s.epochs())) {
          result = new Trainer(sc, s).run(sets.train(), sets.test(), params, stop::requested, m -> {
            metrics.append(spark, id, hyper, m);
            epochs.add(m);
            progress.epochDone(m);
          });
        }
        Path model = runDir.resolve("model.json");
        ModelJson.save(model, s.spec(), result.params());
        saved = true;
        // A stop request wants out now: the pictures can be made later with ./submit report.
        if (!epochs.isEmpty() && result.status() != Trainer.Status.STOPPED) RunPictures.write(spark, sc, wh, id, s.spec(), runRow, epochs, sets.test(), result.params());
        return report(result, stop, id, wh, model);
      }
    } finally {
      // A run that failed before its first epoch leaves nothing behind; a later crash keeps its epochs.
      if (!saved && epochs.isEmpty()) wh.forget(id);
    }
  }

  private int report(Trainer.Result r, StopSignal stop, String id, Warehouse wh, Path model) {
    String where = "run " + id + ": metrics in " + wh.root() + ", model in " + model;
    switch (r.status()) {
      case STOPPED -> {
        System.err.println("stopped by " + stop.signalName() + " after " + r.epochsDone() + " finished epoch(s); " + where);
        return stop.exitCode();
      }
      case DIVERGED -> {
        System.err.println("error: training diverged (the cost or a gradient became NaN or overflowed) after "
            + r.epochsDone() + " epoch(s); the last finite parameters are kept. " + where + ". Lower --eta.");
        return 3;
      }
      default -> {
        System.err.println("done: " + r.epochsDone() + " epochs; " + where);
        return 0;
      }
    }
  }
}
