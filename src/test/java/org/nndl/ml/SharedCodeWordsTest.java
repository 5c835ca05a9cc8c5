package org.nndl.ml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nndl.SparkTestSession;
import org.nndl.data.DataError;
import org.nndl.data.DataSource;
import org.nndl.data.Frames;
import org.nndl.metrics.MetricsError;

/**
 * Refusals that fit meets in code the command line shares (the warehouse, the trainer, the data
 * reader) name params, not flags: the message ./submit train gives with --warehouse, --run-id or
 * --partitions says warehouse, runId or partitions, and keeps its kind of error.
 */
class SharedCodeWordsTest {
  private static Dataset<Row> rows(int n) {
    return Frames.of(SparkTestSession.get(), DataSource.load(DataSource.SAMPLE, null, n, 1).train(), 1);
  }

  private static IllegalArgumentException refusal(NetworkClassifier clf, Dataset<Row> frame) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> clf.fit(frame));
    assertFalse(e.getMessage().contains("--"), "a command-line flag in: " + e.getMessage());
    return e;
  }

  @Test void aWarehouseThatIsAFileIsRefusedNamingWarehouse(@TempDir Path dir) throws Exception {
    Path file = Files.writeString(dir.resolve("not-a-folder"), "x");
    IllegalArgumentException e = refusal(new NetworkClassifier().setMaxIter(1).setWarehouse(file.toString()), rows(20));
    assertInstanceOf(MetricsError.class, e);
    assertTrue(e.getMessage().contains("; check that warehouse "), e.getMessage());
  }

  @Test void moreWorkersThanRowsIsRefusedNamingPartitions() {
    IllegalArgumentException e = refusal(new NetworkClassifier().setValidationFraction(0).setMaxIter(1).setSyncEvery("auto")
        .setPartitions("30"), rows(20));
    assertEquals("partitions 30: more workers than the 20 training samples; use at most 20", e.getMessage());
  }

  @Test void noValidationRowIsRefusedNamingTheColumnsParam() {
    Dataset<Row> frame = rows(20).withColumn("held", functions.lit(false));
    IllegalArgumentException e = refusal(new NetworkClassifier().setMaxIter(1).setValidationIndicatorCol("held"), frame);
    assertInstanceOf(DataError.class, e);
    assertEquals("the validation set is empty: no row is marked true in validationIndicatorCol 'held': mark the"
        + " validation rows, or leave validationIndicatorCol unset", e.getMessage());
  }
}
