package org.nndl.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nndl.SparkTestSession;
import org.nndl.metrics.MetricsError;
import org.nndl.metrics.RunsTable;
import org.nndl.metrics.Warehouse;

class CurveErrorsTest {
  private final SparkSession spark = SparkTestSession.get();
  @TempDir Path dir;

  private static MetricsError oneLine(MetricsError e) {
    assertFalse(e.getMessage().contains("\n") || e.getMessage().contains("\r"), e.getMessage());
    return e;
  }

  @Test
  void unknownRunSaysHowToListRuns() {
    Warehouse wh = new Warehouse(dir);
    Runs.write(spark, wh, "real", 5.0, false, 1);
    MetricsError e = oneLine(assertThrows(MetricsError.class,
        () -> new CurveLoader(spark, wh).byIds(List.of("real", "x"))));
    assertEquals("no run 'x' in warehouse " + wh.root()
        + ": list runs with ./submit query \"SELECT run_id FROM runs\"", e.getMessage());
  }

  @Test
  void runWithoutEpochsSaysSo() {
    Warehouse wh = new Warehouse(dir);
    Runs.write(spark, wh, "other", 5.0, false, 1);
    wh.claimRun("started");
    new RunsTable(wh).write(spark, "started", new LinkedHashMap<>(Runs.hyper(5.0)));
    MetricsError e = oneLine(assertThrows(MetricsError.class,
        () -> Curves.writeRunCurves(wh, "started")));
    assertTrue(e.getMessage().startsWith("run 'started' in warehouse " + wh.root()
        + " has no finished epoch"), e.getMessage());
  }

  @Test
  void runWithoutEpochsInAWarehouseWithoutMetricsSaysSo() {
    Warehouse wh = new Warehouse(dir);
    wh.claimRun("started");
    new RunsTable(wh).write(spark, "started", new LinkedHashMap<>(Runs.hyper(5.0)));
    MetricsError e = oneLine(assertThrows(MetricsError.class,
        () -> new CurveLoader(spark, wh).byIds(List.of("started"))));
    assertTrue(e.getMessage().startsWith("run 'started' in warehouse"), e.getMessage());
  }

  @Test
  void whereMatchingNothingSaysHowToSeeSettings() {
    Warehouse wh = new Warehouse(dir);
    Runs.write(spark, wh, "r", 5.0, false, 1);
    MetricsError e = oneLine(assertThrows(MetricsError.class,
        () -> new CurveLoader(spark, wh).where("lambda > 100")));
    assertTrue(e.getMessage().startsWith("no run in warehouse " + wh.root() + " matches --where"),
        e.getMessage());
  }

  @Test
  void badWhereIsOneLine() {
    Warehouse wh = new Warehouse(dir);
    Runs.write(spark, wh, "r", 5.0, false, 1);
    MetricsError e = oneLine(assertThrows(MetricsError.class,
        () -> new CurveLoader(spark, wh).where("no_such_column > 1")));
    assertTrue(e.getMessage().startsWith("query failed:"), e.getMessage());
  }

  @Test
  void emptyWarehouseSaysToTrainFirst() {
    Warehouse wh = new Warehouse(dir.resolve("empty"));
    MetricsError e = oneLine(assertThrows(MetricsError.class,
        () -> new CurveLoader(spark, wh).byIds(List.of("a"))));
    assertTrue(e.getMessage().startsWith("no runs in warehouse"), e.getMessage());
  }
}
