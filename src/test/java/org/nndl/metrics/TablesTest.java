package org.nndl.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.nndl.metrics.Fixtures.epoch;
import static org.nndl.metrics.Fixtures.hyper;
import static org.nndl.metrics.Fixtures.map;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nndl.SparkTestSession;

class TablesTest {
  private final SparkSession spark = SparkTestSession.get();
  @TempDir Path dir;

  private List<Row> query(Warehouse w, String sql) {
    return Query.run(spark, w, sql).collectAsList();
  }

  @Test
  void appendAfterAppendKeepsEarlierEpochs() {
    Warehouse w = new Warehouse(dir.resolve("with space"));
    w.claimRun("r1");
    MetricsTable metrics = new MetricsTable(w);
    metrics.append(spark, "r1", hyper(0.5), epoch(0));
    assertEquals(1, query(w, "select * from metrics").size());
    metrics.append(spark, "r1", hyper(0.5), new EpochMetrics(1, 2.0, 0.75, 0.25, 0.8, 0.2));

    List<Row> rows = query(w, "select run_id, epoch, train_seconds, test_accuracy, test_cost,"
        + " train_accuracy, train_cost, sizes, eta, batch_size, seed, monitor"
        + " from metrics order by epoch");
    assertEquals(2, rows.size());
    Row first = rows.get(0);
    assertEquals("r1", first.getString(0));
    assertEquals(0, first.getInt(1));
    assertEquals(1.5, first.getDouble(2));
    assertEquals(0.9, first.getDouble(3));
    assertEquals(0.5, first.getDouble(4));
    assertNull(first.get(5));
    assertNull(first.get(6));
    assertEquals("784,30,10", first.getString(7));
    assertEquals(0.5, first.getDouble(8));
    assertEquals(10, first.getInt(9));
    assertEquals(42L, first.getLong(10));
    assertEquals(true, first.getBoolean(11));
    Row second = rows.get(1);
    assertEquals(1, second.getInt(1));
    assertEquals(0.8, second.getDouble(5));
    assertEquals(0.2, second.getDouble(6));
  }

  @Test
  void epochsAppendedTogetherAreOneFileAndAResumeDropsTheFilesAfterItsCheckpoint() throws Exception {
    Warehouse w = new Warehouse(dir);
    w.claimRun("r");
    MetricsTable metrics = new MetricsTable(w);
    metrics.append(spark, "r", hyper(0.5), List.of(epoch(1), epoch(2)));  // a checkpoint of epoch 2 follows
    metrics.append(spark, "r", hyper(0.5), List.of(epoch(3), epoch(4), epoch(5)));
    Path partition = dir.resolve("tables/metrics/run_id=r");
    try (var files = Files.list(partition)) {
      assertEquals(2, files.filter(f -> f.getFileName().toString().endsWith(".parquet")).count());
    }
    assertEquals(3, metrics.dropEpochsAfter(spark, "r", 2));
    assertEquals(List.of(1, 2), query(w, "select epoch from metrics order by epoch").stream().map(r -> r.getInt(0)).toList());
  }

  @Test
  void aFileWithEpochsOnBothSidesOfTheCheckpointIsRefusedAndKept() {
    Warehouse w = new Warehouse(dir);
    w.claimRun("r");
    MetricsTable metrics = new MetricsTable(w);
    metrics.append(spark, "r", hyper(0.5), List.of(epoch(1), epoch(2), epoch(3)));
    MetricsError e = assertThrows(MetricsError.class, () -> metrics.dropEpochsAfter(spark, "r", 1));
    assertTrue(e.getMessage().contains("holds epochs 1 to 3, on both sides of checkpoint epoch 1"), e.getMessage());
    assertEquals(List.of(1, 2, 3), query(w, "select epoch from metrics order by epoch").stream().map(r -> r.getInt(0)).toList());
  }

  @Test
  void metricsColumnsComeFirstWithTheirTypes() {
    Warehouse w = new Warehouse(dir);
    w.claimRun("r");
    new MetricsTable(w).append(spark, "r", map("eta", 0.1), epoch(3));
    // Read the partition directly with plain Spark, independent of Query.
    var schema = spark.read().parquet(Warehouse.partition(w.metricsTable(), "r").toString()).schema();
    assertEquals(List.of("epoch", "train_seconds", "test_accuracy", "test_cost",
        "train_accuracy", "train_cost", "validation_accuracy", "validation_cost", "epoch_eta", "eta"),
        List.of(schema.fieldNames()));
    assertEquals(DataTypes.IntegerType, schema.apply("epoch").dataType());
    assertEquals(DataTypes.DoubleType, schema.apply("train_cost").dataType());
  }

  @Test
  void concurrentRunsKeepAllTheirRows() throws Exception {
    Warehouse w = new Warehouse(dir);
    int epochs = 4;
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (String id : List.of("left", "right")) {
        done.add(pool.submit(() -> {
          w.claimRun(id);
          new RunsTable(w).write(spark, id, map("trainer", id));
          for (int e = 0; e < epochs; e++) {
            new MetricsTable(w).append(spark, id, hyper(id.length()), epoch(e));
          }
        }));
      }
      for (Future<?> f : done) f.get();
    } finally {
      pool.shutdown();
    }
    List<Row> counts = query(w, "select m.run_id, count(*), count(distinct epoch), min(r.trainer)"
        + " from metrics m join runs r using (run_id) group by m.run_id order by m.run_id");
    assertEquals(2, counts.size());
    for (Row r : counts) {
      assertEquals(epochs, r.getLong(1));
      assertEquals(epochs, r.getLong(2));
      assertEquals(r.getString(0), r.getString(3));
    }
  }

  @Test
  void runsWithDifferentSettingsMergeIntoOneTable() {
    Warehouse w = new Warehouse(dir);
    RunsTable runs = new RunsTable(w);
    w.claimRun("a");
    runs.write(spark, "a", map("eta", 0.5, "cost", "cross-entropy"));
    w.claimRun("b");
    runs.write(spark, "b", map("eta", 0.1, "dropout", true, "skipped", null));
    List<Row> rows = query(w, "select run_id, eta, cost, dropout from runs order by run_id");
    assertEquals(2, rows.size());
    assertEquals("a", rows.get(0).getString(0));
    assertEquals(0.5, rows.get(0).getDouble(1));
    assertEquals("cross-entropy", rows.get(0).getString(2));
    assertNull(rows.get(0).get(3));
    assertEquals(0.1, rows.get(1).getDouble(1));
    assertNull(rows.get(1).get(2));
    assertEquals(true, rows.get(1).getBoolean(3));
    assertThrows(MetricsError.class, () -> query(w, "select skipped from runs"));
  }

  @Test
  void numericLookingRunIdsStayStrings() {
    Warehouse w = new Warehouse(dir);
    for (String id : List.of("007", "1e3")) {
      w.claimRun(id);
      new MetricsTable(w).append(spark, id, hyper(1), epoch(0));
    }
    var result = Query.run(spark, w, "select run_id from metrics order by run_id");
    assertEquals(DataTypes.StringType, result.schema().apply("run_id").dataType());
    assertEquals(List.of("007", "1e3"),
        result.collectAsList().stream().map(r -> r.getString(0)).toList());
  }

  @Test
  void writingForAnUnclaimedRunIsABug() {
    Warehouse w = new Warehouse(dir);
    assertThrows(IllegalStateException.class,
        () -> new MetricsTable(w).append(spark, "nobody", hyper(1), epoch(0)));
    assertThrows(IllegalStateException.class,
        () -> new RunsTable(w).write(spark, "nobody", map("eta", 1.0)));
  }

  @Test
  void unsupportedOrClashingColumnsAreRejected() {
    Warehouse w = new Warehouse(dir);
    w.claimRun("r");
    assertThrows(IllegalArgumentException.class,
        () -> new RunsTable(w).write(spark, "r", map("when", new java.util.Date())));
    assertThrows(IllegalArgumentException.class,
        () -> new MetricsTable(w).append(spark, "r", map("epoch", 3), epoch(0)));
    assertThrows(IllegalArgumentException.class,
        () -> new RunsTable(w).write(spark, "r", map("run_id", "x")));
    assertThrows(IllegalArgumentException.class,
        () -> new RunsTable(w).write(spark, "r", map("Batch Size", 1)));
  }

  @Test
  void epochMetricsRejectsAccuracyOutsideZeroToOne() {
    assertThrows(IllegalArgumentException.class, () -> new EpochMetrics(0, 1, 95, 0.1, null, null));
    assertThrows(IllegalArgumentException.class, () -> new EpochMetrics(0, 1, 0.9, 0.1, -0.1, 1.0));
    assertThrows(IllegalArgumentException.class, () -> new EpochMetrics(0, 1, Double.NaN, 0, null, null));
  }
}
