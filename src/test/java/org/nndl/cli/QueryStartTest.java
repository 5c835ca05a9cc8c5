package org.nndl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A query starts and prints without Scala's runtime reflection, which Spark's usual session entry
 * and row encoder start (about 0.7 s each time, docs/speed.md): checked in the class log of a
 * fresh JVM.
 */
class QueryStartTest {
  @TempDir Path dir;

  @Test
  void aQueryOfTheMetricsTableLoadsNoScalaReflection() throws Exception {
    String wh = dir.resolve("wh").toString();
    CliTest.Outcome t = CliTest.run("train", "--train-limit", "100", "--test-limit", "100", "--epochs", "1", "--warehouse", wh);
    assertEquals(0, t.code(), t.err());
    Path classes = dir.resolve("classes.txt"), err = dir.resolve("err.txt");
    Process p = CliTest.child(err, List.of("-Xlog:class+load:file=" + classes),
        "query", "--warehouse", wh, "SELECT run_id, epoch, test_accuracy, test_accuracy / 2 AS half FROM metrics");
    assertTrue(p.waitFor(120, TimeUnit.SECONDS), "the query did not end");
    assertEquals(0, p.exitValue(), Files.readString(err));
    String loaded = Files.readString(classes);
    assertTrue(loaded.contains(" org.apache.spark.sql.execution.QueryExecution "), "the class log works");
    assertFalse(loaded.contains(" scala.reflect.runtime.package$ "), "Scala's runtime reflection was started");
  }
}
