package org.nndl.cli;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.nndl.cache.CachedSet;
import org.nndl.data.DataSource;
import org.nndl.data.Sessions;
import org.nndl.error.ExitCode;
import org.nndl.error.UserError;
import org.nndl.metrics.EpochMetrics;
import org.nndl.metrics.MetricsError;
import org.nndl.metrics.MetricsTable;
import org.nndl.metrics.Query;
import org.nndl.metrics.Warehouse;
import org.nndl.net.ModelJson;
import org.nndl.plot.CurveLoader;
import org.nndl.run.RunPictures;
import org.nndl.run.TrainRun;
import org.nndl.train.TrainingSets;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code report}: (re)makes a run's curves.png and report.html from its tables, model and test data. */
@Command(name = "report", mixinStandardHelpOptions = true,
    description = "Write curves.png and report.html for a finished run, from the metrics table, model.json and its test data.")
final class ReportCommand implements Callable<Integer> {
  @Mixin WarehouseOption warehouse;
  @Option(names = "--run-id", required = true, description = "the run")
  String runId;
  @Mixin CacheOption cache;

  @Override
  public Integer call() {
    Warehouse wh = warehouse.open();
    Path model = TrainRun.modelFile(wh.runDir(runId));
    if (!wh.exists(model)) {
      throw new MetricsError("no run '" + runId + "' with a model.json in warehouse " + wh.root()
          + ": list runs with ./submit query \"SELECT run_id FROM runs\"");
    }
    wh.requireOwner(runId, "write its report and pictures into its folder");
    ModelJson.Model m;
    try {
      m = ModelJson.parse(wh.read(model), model.toString());
    } catch (IOException e) {
      throw new MetricsError("cannot read " + model + ": " + e.getMessage(), e);
    }
    SparkSession spark = Sessions.getOrCreate("nndl-spark report " + runId);
    JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    String quoted = "'" + runId.replace("'", "''") + "'";
    List<Row> run = Query.run(spark, wh, "SELECT * FROM runs WHERE run_id = " + quoted).collectAsList();
    if (run.isEmpty()) throw new MetricsError("run '" + runId + "' has no row in the runs table of " + wh.root() + ": train it again");
    LinkedHashMap<String, Object> settings = new LinkedHashMap<>();
    Row row = run.get(0);
    for (String c : row.schema().fieldNames()) if (!row.isNullAt(row.fieldIndex(c))) settings.put(c, row.getAs(c));
    List<EpochMetrics> epochs = new MetricsTable(wh).epochs(spark, runId);
    if (epochs.isEmpty()) {
      throw new MetricsError("run '" + runId + "' has no finished epoch in the metrics table of " + wh.root()
          + ": there is nothing to report yet");
    }
    DataSource.Sources src = DataSource.locate(String.valueOf(settings.get("data")), cache.path);
    int testLimit = settings.get("test_limit") instanceof Integer i ? i : 0;
    try (CachedSet test = TrainingSets.read(sc, m.spec(), src.testImages(), src.testLabels(), sc.defaultParallelism(),
        testLimit, "test")) {
      List<RunPictures.Missing> missing = RunPictures.write(sc, wh, runId, m.spec(), settings, epochs,
          () -> new CurveLoader(spark, wh).byIds(List.of(runId)).get(0), test, m.params());
      if (!missing.isEmpty()) throw failed(missing);
    }
    System.out.println(wh.show(RunPictures.reportFile(wh, runId)));
    return 0;
  }

  /** The failure of a report: every missing file on one line; bad input when the first reason is. */
  private RuntimeException failed(List<RunPictures.Missing> missing) {
    String text = "report of run '" + runId + "' not made: "
        + String.join("; ", missing.stream().map(RunPictures.Missing::line).toList());
    RuntimeException why = missing.get(0).why();
    return ExitCode.userError(why) != null ? new UserError(text, why) : new IllegalStateException(text, why);
  }
}
