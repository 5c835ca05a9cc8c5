package org.nndl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nndl.SparkTestSession;
import org.nndl.data.DataSource;
import org.nndl.data.Frames;
import org.nndl.data.TrainTest;

/** LIBSVM, CSV and Parquet files written from the bundled digits train to the model the IDX files give. */
class FrameDataCliTest {
  private static final String[] RUN = {"--sizes", "784,10,10", "--epochs", "2", "--partitions", "2", "--seed", "5"};

  @TempDir Path dir;

  private String train(String id, String... data) {
    List<String> args = new ArrayList<>(List.of("train", "--warehouse", dir.resolve("wh").toString(), "--run-id", id));
    args.addAll(List.of(RUN));
    args.addAll(List.of(data));
    CliTest.Outcome o = CliTest.run(args.toArray(String[]::new));
    assertEquals(0, o.code(), o.err());
    try {
      return Files.readString(dir.resolve("wh/runs/" + id + "/model.json"));
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Test void libsvmCsvAndParquetTrainToTheIdxFilesModel() throws IOException {
    TrainTest d = DataSource.load(DataSource.SAMPLE, null, 300, 50);
    String idx = train("idx", "--data", "sample", "--train-limit", "300", "--test-limit", "50");
    Path svm = Files.writeString(dir.resolve("train.svm"), Frames.libsvm(d.train()));
    Path svmTest = Files.writeString(dir.resolve("test.svm"), Frames.libsvm(d.test()));
    assertEquals(idx, train("svm", "--data", "libsvm:" + svm, "--test-data", "libsvm:" + svmTest, "--input-scale", "255"));
    Path csv = Files.writeString(dir.resolve("train.csv"), Frames.csv(d.train(), true));  // label,pixel0..pixel783
    Path csvTest = Files.writeString(dir.resolve("test.csv"), Frames.csv(d.test(), false));  // no header: the label is first
    assertEquals(idx, train("csv", "--data", "csv:" + csv, "--test-data", "csv:" + csvTest, "--input-scale", "255"));
    var spark = SparkTestSession.get();
    Frames.of(spark, d.train(), 2).write().parquet(dir.resolve("train.parquet").toString());
    Frames.of(spark, d.test(), 1).write().parquet(dir.resolve("test.parquet").toString());
    assertEquals(idx, train("parquet", "--data", "parquet:" + dir.resolve("train.parquet").toUri(),
        "--test-data", "parquet:" + dir.resolve("test.parquet"), "--input-scale", "255"));
  }

  /** The run's rows of a warehouse table without the columns that differ between two equal runs. */
  private List<Row> rows(String table, String id, String... ignored) {
    var frame = org.nndl.metrics.Query.run(SparkTestSession.get(), new org.nndl.metrics.Warehouse(dir.resolve("wh")),
        "SELECT * FROM " + table + " WHERE run_id = '" + id + "'" + (table.equals("metrics") ? " ORDER BY epoch" : ""));
    return frame.drop("run_id").drop(ignored).collectAsList();
  }

  /** The fits below take the command line's settings: no validation rows, and its patience (10; the estimator's is 2). */
  @Test void fitWithAWarehouseWritesTheRowsACliRunWrites() throws IOException {
    TrainTest d = DataSource.load(DataSource.SAMPLE, null, 120, 10);
    String train = dir.resolve("train.parquet").toString();
    Frames.of(SparkTestSession.get(), d.train(), 2).write().parquet(train);
    train("cli", "--data", "parquet:" + train, "--test-data", "parquet:" + train, "--input-scale", "255");
    new org.nndl.ml.NetworkClassifier().setValidationFraction(0).setPatience(10).setHiddenLayers(10).setMaxIter(2).setSeed(5).setPartitions("2").setInputScale(255)
        .setWarehouse(dir.resolve("wh").toString()).setRunId("fit").fit(SparkTestSession.get().read().parquet(train));
    assertEquals(2, rows("metrics", "cli").size());
    assertEquals(rows("metrics", "cli", "train_seconds"), rows("metrics", "fit", "train_seconds"));
    assertEquals(rows("runs", "cli", "data"), rows("runs", "fit", "data"));
    assertEquals(Files.readString(dir.resolve("wh/runs/cli/model.json")), Files.readString(dir.resolve("wh/runs/fit/model.json")));
  }

  @Test void fitWithDefaultPartitionsRunsTheCliDefaultPlanAndNamesItsRun() throws IOException {
    TrainTest d = DataSource.load(DataSource.SAMPLE, null, 120, 10);
    String train = dir.resolve("train.parquet").toString();
    Frames.of(SparkTestSession.get(), d.train(), 2).write().parquet(train);
    String wh = dir.resolve("wh").toString();
    CliTest.Outcome o = CliTest.run("train", "--warehouse", wh, "--run-id", "cli", "--sizes", "784,10,10", "--epochs", "2",
        "--seed", "5", "--data", "parquet:" + train, "--test-data", "parquet:" + train, "--input-scale", "255");
    assertEquals(0, o.code(), o.err());
    var model = new org.nndl.ml.NetworkClassifier().setValidationFraction(0).setPatience(10).setHiddenLayers(10).setMaxIter(2).setSeed(5).setInputScale(255)
        .setWarehouse(wh).setRunId("fit").fit(SparkTestSession.get().read().parquet(train));
    Row cli = rows("runs", "cli", "data").get(0);
    // m = 10 on local[2]: the auto plan fuses the steps in one partition (Plan's measured job overhead)
    assertTrue(cli.<String>getAs("plan").startsWith("exact SGD, 1 partition, fused steps"), cli.<String>getAs("plan"));
    assertEquals(cli.<String>getAs("plan"), model.summary().plan());
    assertEquals(rows("runs", "cli", "data"), rows("runs", "fit", "data"));
    assertEquals(Files.readString(dir.resolve("wh/runs/cli/model.json")), Files.readString(dir.resolve("wh/runs/fit/model.json")));
    assertEquals("fit", model.summary().runId());
    String generated = new org.nndl.ml.NetworkClassifier().setValidationFraction(0).setHiddenLayers(10).setMaxIter(1).setInputScale(255).setWarehouse(wh)
        .fit(SparkTestSession.get().read().parquet(train)).summary().runId();
    assertTrue(Files.isRegularFile(dir.resolve("wh/runs/" + generated + "/model.json")), generated);
  }

  /** A refused run: exit 2, one line containing what, and no run left in the warehouse. */
  private void refused(String what, String... args) throws IOException {
    List<String> all = new ArrayList<>(List.of("train", "--warehouse", dir.resolve("wh").toString(), "--run-id", "bad",
        "--sizes", "2,3,10", "--epochs", "1"));
    all.addAll(List.of(args));
    CliTest.assertCleanRefusal(CliTest.run(all.toArray(String[]::new)), what);
    assertTrue(CliTest.isEmptyOrAbsent(dir.resolve("wh/runs/bad")), "nothing half-written");
  }

  private String csv(String name, String text) throws IOException {
    return "csv:" + Files.writeString(dir.resolve(name), text);
  }

  @Test void eachKindOfBadRowIsOneLineNamingColumnAndRowAndExitTwo() throws IOException {
    String good = csv("good.csv", "label,a,b\n0,1,2\n");
    String row = "the training data's column ";
    refused(row + "'label', row 2 (counting from 0): label 12 is not a whole number in [0, 10)",
        "--data", csv("label.csv", "label,a,b\n0,1,2\n1,3,4\n12,5,6\n"), "--test-data", good);
    refused(row + "'label', row 1 (counting from 0): label -1 is not a whole number in [0, 10)",
        "--data", csv("negative.csv", "label,a,b\n0,1,2\n-1,3,4\n"), "--test-data", good);
    refused(row + "'a', row 1 (counting from 0): 'x' is not a number: correct the value, or drop the column",
        "--data", csv("text.csv", "label,a,b\n0,1,2\n1,x,4\n2,5,6\n"), "--test-data", good);
    refused(row + "'a', row 1 (counting from 0): the value is NaN: every feature must be a finite number",
        "--data", csv("nan.csv", "label,a,b\n0,1,2\n1,NaN,4\n"), "--test-data", good);
    refused(row + "'b', row 0 (counting from 0): the value is Infinity: every feature must be a finite number",
        "--data", csv("inf.csv", "label,a,b\n0,1,Inf\n"), "--test-data", good);
    refused("the training data has no column 'digit' (its columns: label, a, b): name the right one with --label-col",
        "--data", good, "--test-data", good, "--label-col", "digit");
    var spark = SparkTestSession.get();
    List<Row> rows = List.of(RowFactory.create(0.0, Vectors.dense(1, 2)), RowFactory.create(1.0, Vectors.dense(1, 2, 3)));
    Path sizes = dir.resolve("sizes.parquet");
    spark.createDataFrame(rows, Frames.schema()).coalesce(1).write().parquet(sizes.toString());
    refused(row + "'features', row 1 (counting from 0): a vector of 3 values where row 0 has 2: every row needs the same"
        + " number of features", "--data", "parquet:" + sizes, "--test-data", "parquet:" + sizes);
    // without --test-data the rows are split: the bad row is still named by its line in the file (after the header)
    StringBuilder split = new StringBuilder("label,a,b\n");
    for (int i = 0; i < 40; i++) split.append(i % 10).append(',').append(i == 29 ? "NaN" : "1").append(",2\n");
    refused(row + "'a', row 29 (counting from 0): the value is NaN", "--data", csv("split.csv", split.toString()));
  }
}
