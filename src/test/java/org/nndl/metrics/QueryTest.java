package org.nndl.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.nndl.metrics.Fixtures.epoch;
import static org.nndl.metrics.Fixtures.hyper;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nndl.SparkTestSession;
import org.nndl.error.ExitCode;

class QueryTest {
  private final SparkSession spark = SparkTestSession.get();
  @TempDir Path dir;

  private Warehouse warehouseWithOneRun() {
    Warehouse w = new Warehouse(dir);
    w.claimRun("r");
    new MetricsTable(w).append(spark, "r", hyper(0.5), epoch(0));
    return w;
  }

  private static void assertOneLine(MetricsError e) {
    assertFalse(e.getMessage().contains("\n") || e.getMessage().contains("\r"), e.getMessage());
  }

  @Test
  void emptyWarehouseSaysToTrainFirst() {
    Warehouse w = new Warehouse(dir.resolve("nothing-here"));
    w.claimRun("started-but-no-epoch");
    MetricsError e = assertThrows(MetricsError.class,
        () -> Query.run(spark, w, "select * from metrics"));
    assertEquals("no runs in warehouse " + w.root()
        + " yet: run ./submit train first (or pass --warehouse)", e.getMessage());
    assertOneLine(e);
  }

  @Test
  void syntaxErrorIsOneLine() {
    Warehouse w = warehouseWithOneRun();
    MetricsError e = assertThrows(MetricsError.class, () -> Query.run(spark, w, "selec 1"));
    assertTrue(e.getMessage().startsWith("query failed: [PARSE_SYNTAX_ERROR]"), e.getMessage());
    assertTrue(e.getMessage().endsWith("; tables are metrics, runs and evaluations"), e.getMessage());
    assertOneLine(e);
  }

  @Test
  void unknownTableIsOneLine() {
    Warehouse w = warehouseWithOneRun();
    MetricsError e = assertThrows(MetricsError.class,
        () -> Query.run(spark, w, "select * from epochs"));
    assertTrue(e.getMessage().startsWith("query failed: [TABLE_OR_VIEW_NOT_FOUND]"),
        e.getMessage());
    assertOneLine(e);
  }

  @Test
  void errorWhileComputingRowsIsOneLine() {
    Warehouse w = warehouseWithOneRun();
    var rows = Query.run(spark, w, "select epoch / (epoch - epoch) from metrics");
    var out = new PrintStream(new ByteArrayOutputStream());
    MetricsError e = assertThrows(MetricsError.class,
        () -> ResultPrinter.print(rows, ResultFormat.TABLE, out));
    assertTrue(e.getMessage().startsWith("query failed: ["), e.getMessage());
    assertOneLine(e);
  }

  /**
   * A query reads only the tables it names: a runs table holding a foreign file does not stop a
   * query of metrics, and one that names runs (in any case) says which table it cannot read.
   */
  @Test
  void aQueryReadsOnlyTheTablesItNames() throws Exception {
    Warehouse w = warehouseWithOneRun();
    new RunsTable(w).write(spark, "r", Fixtures.map("eta", 0.5));
    Files.writeString(dir.resolve("tables/runs/run_id=r/part-foreign.parquet"), "not parquet");
    assertEquals(1, Query.run(spark, w, "select epoch from metrics").count());
    MetricsError e = assertThrows(MetricsError.class,
        () -> Query.run(spark, w, "select m.epoch from metrics m join RUNS using (run_id)").count());
    assertTrue(e.getMessage().startsWith("cannot read table runs"), e.getMessage());
  }

  /**
   * A data file damaged between its header and its footer is not the SQL's fault: with its
   * checksum file the damage shows as Hadoop's checksum error while the table's schema is read,
   * without it when the rows are; either failure is not a user error, and its line names the file.
   */
  @Test
  @Tag("spark-4-only")  // the file named in the error's first line: Spark 4's FAILED_READ_FILE error; 3.5's says "Exception thrown in awaitResult"
  void aDamagedDataFileIsNotTheQuerysFault() throws Exception {
    Warehouse w = warehouseWithOneRun();
    Path file = damageTheMetricsFile();
    assertNotTheUsers(assertThrows(Exception.class, () -> Query.run(spark, w, "select * from metrics")), file);
    Files.delete(file.resolveSibling("." + file.getFileName() + ".crc"));
    var rows = Query.run(spark, w, "select * from metrics");
    var out = new PrintStream(new ByteArrayOutputStream());
    assertNotTheUsers(assertThrows(Exception.class, () -> ResultPrinter.print(rows, ResultFormat.TABLE, out)), file);
  }

  /** Overwrites the pages of the metrics table's data file, keeping "PAR1" and the footer. */
  private Path damageTheMetricsFile() throws java.io.IOException {
    Path file;
    try (var files = Files.walk(dir.resolve("tables/metrics"))) {
      file = files.filter(p -> p.getFileName().toString().endsWith(".parquet")).findFirst().orElseThrow();
    }
    byte[] bytes = Files.readAllBytes(file);
    int footer = java.nio.ByteBuffer.wrap(bytes, bytes.length - 8, 4).order(java.nio.ByteOrder.LITTLE_ENDIAN).getInt();
    java.util.Arrays.fill(bytes, 4, bytes.length - 8 - footer, (byte) 0xff);
    Files.write(file, bytes);
    return file;
  }

  private static void assertNotTheUsers(Exception e, Path file) {
    assertNull(ExitCode.userError(e), "a damaged file reported as the user's: " + e.getMessage());
    assertTrue(ExitCode.message(e).contains(file.getFileName().toString()), ExitCode.message(e));
    assertTrue(ExitCode.message(e).contains(" of table metrics: "), ExitCode.message(e));
  }

  /** A task lost with its executor: the query's line says which executor and Spark's reason (Spark's words, as its scheduler puts them). */
  @Test
  void aLostExecutorIsNamed() {
    Exception lost = new org.apache.spark.SparkException("Job aborted due to stage failure: Task 0 in stage 3.0 failed 4 times,"
        + " most recent failure: Lost task 0.3 in stage 3.0 (TID 7) (127.0.0.1 executor 3): ExecutorLostFailure (executor 3"
        + " exited caused by one of the running tasks) Reason: Command exited with code 52\nDriver stacktrace:");
    assertEquals("IllegalStateException: query failed: executor 3 was lost while it ran a task of the query (Command exited with code 52)",
        ExitCode.message(Query.failure(lost)));
  }

  /** A job that fails for a reason that is not the SQL's (here a task's own exception, as a lost executor's) is not the user's. */
  @Test
  void aFailedJobIsNotTheQuerysFault() {
    var sc = org.apache.spark.api.java.JavaSparkContext.fromSparkContext(spark.sparkContext());
    Exception job = assertThrows(Exception.class, () -> sc.parallelize(java.util.List.of(1), 1)
        .map(x -> { if (x > 0) throw new IllegalStateException("executor lost"); return x; }).collect());
    RuntimeException e = Query.failure(job);
    assertNull(ExitCode.userError(e), e.getMessage());
    assertTrue(ExitCode.message(e).contains("executor lost"), ExitCode.message(e));
  }

  @Test
  void viewsDoNotLeakIntoTheCallersSession() {
    Warehouse w = warehouseWithOneRun();
    assertEquals(1, Query.run(spark, w, "select * from metrics").count());
    assertFalse(spark.catalog().tableExists("metrics"));
  }

  @Test
  void formatNamesParseInAnyCase() {
    assertEquals(ResultFormat.CSV, ResultFormat.parse("CSV"));
    assertEquals("json", ResultFormat.JSON.toString());
    assertThrows(MetricsError.class, () -> ResultFormat.parse("xml"));
  }
}
