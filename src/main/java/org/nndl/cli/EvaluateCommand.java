package org.nndl.cli;

import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.Callable;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.nndl.cache.CachedSet;
import org.nndl.data.Sessions;
import org.nndl.error.UserError;
import org.nndl.run.NamedSettings;
import org.nndl.train.TrainingSets;
import org.nndl.data.DataSource;
import org.nndl.data.DistributedIdx;
import org.nndl.eval.Confusion;
import org.nndl.eval.Evaluator;
import org.nndl.eval.Score;
import org.nndl.metrics.Evaluation;
import org.nndl.metrics.EvaluationsTable;
import org.nndl.metrics.ResultFormat;
import org.nndl.metrics.Warehouse;
import org.nndl.net.ModelJson;
import org.nndl.net.NetworkSpec;
import org.nndl.predict.InputSize;
import org.nndl.predict.ModelFile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code evaluate}: a saved model scored on a data set by the executors; one row in the evaluations table. */
@Command(name = "evaluate", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Score a saved model (ours or network2.py's save()) on a data set: accuracy, mean cost and the"
        + " confusion matrix (rows: true digit, columns: predicted), also appended to the warehouse's `evaluations` table.",
        "The cost is the mean of the model's cost function over the images, with no L2 term: a model file does not"
        + " record lambda, so it differs from the test_cost of the metrics table by 0.5*(lambda/n)*sum(w^2)."})
final class EvaluateCommand implements Callable<Integer> {
  @Option(names = "--model", required = true, paramLabel = "FILE", description = "model.json of a run, or a file from network2.py's save()")
  Path model;
  @Mixin DataOption data;
  @Option(names = "--split", defaultValue = "test", description = "test | train (default: ${DEFAULT-VALUE})")
  String split;
  @Option(names = "--limit", defaultValue = "0", description = "score the first N images, 0 = all (default: ${DEFAULT-VALUE})")
  int limit;
  @Option(names = "--partitions", paramLabel = "auto|N",
      description = "partitions of the set; auto and 0 = Spark's default parallelism (every core) (default: ${DEFAULT-VALUE})")
  String partitions;
  @Option(names = "--format", description = "table (for people) | csv | json (the stored row) (default: ${DEFAULT-VALUE})")
  String format;
  @Mixin WarehouseOption warehouse;
  @Mixin CacheOption cache;

  @Override
  public Integer call() {
    ResultFormat f = ResultFormat.parse(format);
    boolean test = checkSplit();
    if (limit < 0) throw new UserError("--limit " + limit + ": use 0 (all images) or a positive number");
    int partitions = Math.max(0, NamedSettings.partitions(this.partitions));  // auto: every core, as the plan scores
    // Everything that can be refused is checked before Spark starts.
    ModelJson.Model m = ModelFile.load(model);
    NetworkSpec spec = m.spec();
    DataSource.Sources src = DataSource.locate(data.data, cache.path);
    String images = test ? src.testImages() : src.trainImages();
    String labels = test ? src.testLabels() : src.trainLabels();
    int[] size = DistributedIdx.imageSize(images, labels);
    InputSize.check(spec, size[0], size[1], "the " + split + " images of " + data.data);
    Warehouse wh = warehouse.open();

    SparkSession spark = Sessions.getOrCreate("nndl-spark evaluate");
    JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    Evaluation e;
    try (CachedSet set = TrainingSets.read(sc, spec, images, labels, partitions > 0 ? partitions : sc.defaultParallelism(),
        limit, split)) {
      Score score = new Evaluator(spec).score(sc, set.blocks(), m.params());
      Confusion confusion = Confusion.of(sc, set, spec, m.params(), 0);
      Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);  // the printed time equals the stored one
      e = new Evaluation(Warehouse.newRunId(), now, model.toAbsolutePath().normalize().toString(), data.data, split,
          spec.layout().toString(), spec.cost().network2Name(), score.meanCost(), counts(confusion));
    }
    new EvaluationsTable(wh).append(spark, e);
    EvaluationOutput.print(e, f, System.out);
    System.err.println("evaluation " + e.id() + " stored in " + wh.show(EvaluationsTable.path(wh))
        + " (./submit query \"SELECT * FROM evaluations\")");
    return 0;
  }

  private boolean checkSplit() {
    if (!split.equals("test") && !split.equals("train")) {
      throw new UserError("--split " + split + ": use test or train");
    }
    return split.equals("test");
  }

  private static long[][] counts(Confusion c) {
    long[][] m = new long[c.outputs()][c.outputs()];
    for (int t = 0; t < m.length; t++) for (int p = 0; p < m.length; p++) m[t][p] = c.count(t, p);
    return m;
  }
}
