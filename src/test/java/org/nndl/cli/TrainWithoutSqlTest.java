package org.nndl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerEvent;
import org.apache.spark.sql.execution.ui.SparkListenerSQLExecutionStart;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nndl.SparkTestSession;

/**
 * A train runs no SQL (its rows are written and read back by the driver, see TrainRun), so it
 * needs only a SparkContext: a SQL session and its first query cost seconds of start-up.
 */
class TrainWithoutSqlTest {
  @TempDir Path dir;

  @Test
  void aTrainWithPicturesRunsNoSqlQuery() throws Exception {
    var sc = SparkTestSession.get().sparkContext();
    AtomicInteger queries = new AtomicInteger();
    SparkListener listener = new SparkListener() {
      @Override public void onOtherEvent(SparkListenerEvent event) {
        if (event instanceof SparkListenerSQLExecutionStart) queries.incrementAndGet();
      }
    };
    sc.addSparkListener(listener);
    try {
      CliTest.Outcome t = CliTest.run("train", "--train-limit", "200", "--test-limit", "100", "--epochs", "2",
          "--warehouse", dir.toString(), "--run-id", "r");
      assertEquals(0, t.code(), t.err());
      sc.listenerBus().waitUntilEmpty();
      assertTrue(Files.isRegularFile(dir.resolve("runs/r/curves.png")), "the pictures were drawn");
      assertTrue(Files.isRegularFile(dir.resolve("runs/r/report.html")), "the pictures were drawn");
      assertEquals(0, queries.get(), "SQL queries during the train");
    } finally {
      sc.removeSparkListener(listener);
    }
  }
}
