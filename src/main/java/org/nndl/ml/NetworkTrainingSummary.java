package org.nndl.ml;

import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.nndl.metrics.EpochMetrics;
import org.nndl.metrics.MetricsTable;

/**
 * What fit measured, one row per epoch with the metrics table's columns. Without a validation
 * column the test columns score the first 10,000 training rows (all of them in a smaller frame);
 * with one, the validation rows.
 */
public final class NetworkTrainingSummary {
  private final List<EpochMetrics> epochs;
  private final String plan;
  private final String runId;

  NetworkTrainingSummary(List<EpochMetrics> epochs, String plan, String runId) {
    this.epochs = List.copyOf(epochs);
    this.plan = plan;
    this.runId = runId;
  }

  /** How the run laid out its data, in words: ./submit train's plan (partitions "auto" chooses it as --partitions auto does). */
  public String plan() { return plan; }

  /** The run's id in the warehouse (the runId param, or the one generated), or null when no warehouse was set. */
  public String runId() { return runId; }

  /** epoch, train_seconds, test_accuracy, test_cost, train_accuracy, train_cost, validation_accuracy, validation_cost, epoch_eta. */
  public Dataset<Row> metrics() { return MetricsTable.frame(SparkSession.active(), epochs); }

  public int totalIterations() { return epochs.size(); }

  /** The last epoch's accuracy on the scored rows (the test columns). */
  public double accuracy() { return epochs.isEmpty() ? Double.NaN : epochs.get(epochs.size() - 1).testAccuracy(); }
}
