package org.nndl.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.nndl.metrics.Fixtures.epoch;
import static org.nndl.metrics.Fixtures.map;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nndl.SparkTestSession;

/**
 * Rows of the metrics and runs tables are written by the driver, with no Spark job: on a
 * multi-host cluster a job's task would write into an executor's disk, not the driver's
 * warehouse. What it writes is what Spark reads back, typed as before.
 */
class DriverWritesTest {
  private static final String MARKER = "DriverWritesTest marker";
  @TempDir Path dir;

  @Test
  void appendsStartNoSparkJobAndReadBackExactly() throws Exception {
    SparkSession spark = SparkTestSession.get();
    AtomicInteger jobs = new AtomicInteger();
    CountDownLatch markerSeen = new CountDownLatch(1);
    SparkListener counter = new SparkListener() {
      @Override public void onJobStart(SparkListenerJobStart e) {
        if (MARKER.equals(e.properties().getProperty("spark.job.description"))) markerSeen.countDown();
        else jobs.incrementAndGet();
      }
    };
    Warehouse w = new Warehouse(dir);
    w.claimRun("d");
    spark.sparkContext().addSparkListener(counter);
    try {
      new RunsTable(w).write(spark, "d", map("sizes", "784,30,10", "seed", 7L, "monitor", true, "eta", 0.5));
      for (int e = 1; e <= 3; e++) new MetricsTable(w).append(spark, "d", map("eta", 0.5), epoch(e));
      // the listener bus delivers in order: once the marker job's start is seen, any earlier job's would have been
      spark.sparkContext().setJobDescription(MARKER);
      try {
        JavaSparkContext.fromSparkContext(spark.sparkContext()).parallelize(List.of(1), 1).count();
      } finally {
        spark.sparkContext().setJobDescription(null);
      }
      assertTrue(markerSeen.await(60, TimeUnit.SECONDS), "the marker job's start never reached the listener");
      assertEquals(0, jobs.get());
    } finally {
      spark.sparkContext().removeSparkListener(counter);
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
