package org.nndl.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.nndl.metrics.Fixtures.epoch;
import static org.nndl.metrics.Fixtures.hyper;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nndl.SparkTestSession;

/** A run's rows read back by the driver (no SQL session) equal what Spark SQL returns for them. */
class DriverReadTest {
  private final SparkSession spark = SparkTestSession.get();
  @TempDir Path dir;

  @Test
  void runRowsEqualSparkSqlsSelect() {
    Warehouse w = new Warehouse(dir);
    w.claimRun("r");
    w.claimRun("other");
    MetricsTable metrics = new MetricsTable(w);
    // Written out of order, one with train columns and a long, one without: columns differ per file.
    metrics.append(null, "r", hyper(0.5), epoch(2));
    LinkedHashMap<String, Object> more = hyper(0.5);
    more.put("n_train", 1000L);
    metrics.append(null, "r", more, new EpochMetrics(1, 2.0, 0.75, 0.25, 0.8, 0.2));
    metrics.append(null, "r", hyper(0.5), epoch(3));
    metrics.append(null, "other", hyper(0.1), epoch(1));

    List<Row> sql = Query.run(spark, w, "SELECT * FROM metrics WHERE run_id = 'r' ORDER BY epoch").collectAsList();
    List<Row> driver = metrics.rows("r");
    assertEquals(sql.size(), driver.size());
    for (int i = 0; i < sql.size(); i++) {
      Row s = sql.get(i), d = driver.get(i);
      for (String column : s.schema().fieldNames()) {
        Object expected = s.get(s.fieldIndex(column));
        Object actual = List.of(d.schema().fieldNames()).contains(column) ? d.get(d.fieldIndex(column)) : null;
        assertEquals(expected, actual, "row " + i + ", column " + column);
      }
      assertEquals(s.schema().size(), d.schema().size(), "the same columns: " + d.schema());
    }
    assertEquals(List.of(1, 2, 3), metrics.epochs("r").stream().map(EpochMetrics::epoch).toList());
  }

  @Test
  void aRunWithoutRowsHasNone() {
    Warehouse w = new Warehouse(dir);
    w.claimRun("r");
    assertEquals(List.of(), new MetricsTable(w).rows("r"));
  }

  @Test
  void dropEpochsAfterRemovesTheLaterRowsOnly() {
    Warehouse w = new Warehouse(dir);
    w.claimRun("r");
    MetricsTable metrics = new MetricsTable(w);
    for (int e = 1; e <= 4; e++) metrics.append(null, "r", hyper(0.5), epoch(e));
    assertEquals(2, metrics.dropEpochsAfter("r", 2));
    assertEquals(List.of(1, 2), Query.run(spark, w, "SELECT epoch FROM metrics ORDER BY epoch").collectAsList()
        .stream().map(r -> r.getInt(0)).toList());
  }
}
