package org.nndl.plot;

import java.util.LinkedHashMap;
import org.apache.spark.sql.SparkSession;
import org.nndl.metrics.EpochMetrics;
import org.nndl.metrics.MetricsTable;
import org.nndl.metrics.RunsTable;
import org.nndl.metrics.Warehouse;

/** Writes runs with known curves into a warehouse, as the trainer would. */
final class Runs {
  private Runs() {}

  static LinkedHashMap<String, Object> hyper(double lambda) {
    LinkedHashMap<String, Object> h = new LinkedHashMap<>();
    h.put("sizes", "784,30,10");
    h.put("activation", "sigmoid");
    h.put("cost", "cross-entropy");
    h.put("init", "default");
    h.put("epochs", 5);
    h.put("batch_size", 10);
    h.put("eta", 0.5);
    h.put("lambda", lambda);
    h.put("seed", 1L);
    h.put("sync_every", "exact");
    h.put("n_train", 1000);
    return h;
  }

  /**
   * A run of {@code epochs} epochs: test accuracy rising linearly from 50% by 8 points an epoch,
   * cost falling; train 5 points above when {@code monitor}.
   */
  static void write(SparkSession spark, Warehouse wh, String id, double lambda, boolean monitor,
      int epochs) {
    write(spark, wh, id, lambda, monitor, epochs, 0);
  }

  /** The same with test accuracy {@code shift} lower and cost {@code shift} higher. */
  static void write(SparkSession spark, Warehouse wh, String id, double lambda, boolean monitor,
      int epochs, double shift) {
    wh.claimRun(id);
    LinkedHashMap<String, Object> runRow = new LinkedHashMap<>(hyper(lambda));
    runRow.put("monitor", monitor);
    new RunsTable(wh).write(spark, id, runRow);
    MetricsTable table = new MetricsTable(wh);
    for (int e = 1; e <= epochs; e++) {
      double acc = 0.5 + 0.08 * e - shift;
      double cost = 2.0 / e + shift;
      table.append(spark, id, hyper(lambda), new EpochMetrics(e, 1.0, acc, cost,
          monitor ? acc + 0.05 : null, monitor ? cost / 2 : null));
    }
  }
}
