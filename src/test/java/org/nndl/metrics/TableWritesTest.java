package org.nndl.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.nndl.metrics.Fixtures.epoch;
import static org.nndl.metrics.Fixtures.map;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nndl.SparkTestSession;

/**
 * Rows of the metrics and runs tables are appended with Spark's writer into the run's own
 * partition folder: one whole Parquet file per row once the write returns, nothing of the
 * writer's staging left for a query to trip on, and what it wrote is what Spark reads back,
 * typed as before.
 */
class TableWritesTest {
  @TempDir Path dir;

  @Test
  void eachAppendLeavesOneParquetFileAndReadsBackExactly() throws Exception {
    SparkSession spark = SparkTestSession.get();
    Warehouse w = new Warehouse(dir);
    w.claimRun("d");
    new RunsTable(w).write(spark, "d", map("sizes", "784,30,10", "seed", 7L, "monitor", true, "eta", 0.5));
    for (int e = 1; e <= 3; e++) new MetricsTable(w).append(spark, "d", map("eta", 0.5), epoch(e));
    Path partition = dir.resolve("tables/metrics/run_id=d");
    try (Stream<Path> files = Files.list(partition)) {
      List<String> visible = files.map(f -> f.getFileName().toString())
          .filter(n -> !n.startsWith(".") && !n.equals("_SUCCESS")).toList();
      assertEquals(3, visible.size(), visible.toString());
      assertTrue(visible.stream().allMatch(n -> n.startsWith("part-") && n.endsWith(".parquet")), visible.toString());
    }
    List<Row> rows = Query.run(spark, w, "SELECT epoch, test_accuracy, train_accuracy, eta FROM metrics ORDER BY epoch").collectAsList();
    assertEquals(3, rows.size());
    for (int e = 1; e <= 3; e++) {
      EpochMetrics m = epoch(e);
      Row r = rows.get(e - 1);
      assertEquals(e, r.getInt(0));
      assertEquals(m.testAccuracy(), r.getDouble(1), 0.0);
      assertEquals(m.trainAccuracy(), r.isNullAt(2) ? null : r.getDouble(2));
      assertEquals(0.5, r.getDouble(3), 0.0);
    }
    Row run = Query.run(spark, w, "SELECT sizes, seed, monitor FROM runs").first();
    assertEquals("784,30,10", run.getString(0));
    assertEquals(7L, run.getLong(1));
    assertEquals(true, run.getBoolean(2));
  }
}
