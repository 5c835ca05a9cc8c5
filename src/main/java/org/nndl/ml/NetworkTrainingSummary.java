package org.nndl.ml;

import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.nndl.metrics.EpochMetrics;
import org.nndl.metrics.MetricsTable;

/**
 * What fit measured, as Spark's training summaries: the classification metrics of the model on
 * its training rows ({@link NetworkClassificationSummary}; the rows validationIndicatorCol marks
 * are not training rows), the objective per epoch, and one row per epoch with the metrics table's
 * columns. The test columns score the first 10,000 training rows (all of them in a smaller
 * frame); the validation columns, the validation rows.
 */
public final class NetworkTrainingSummary extends NetworkClassificationSummary {
  private final List<EpochMetrics> epochs;
  private final boolean monitor;
  private final String plan;
  private final String runId;

  NetworkTrainingSummary(List<EpochMetrics> epochs, boolean monitor, String plan, String runId, Dataset<Row> predictions,
      String predictionCol, String labelCol) {
    super(predictions, predictionCol, labelCol);
    this.epochs = List.copyOf(epochs);
    this.monitor = monitor;
    this.plan = plan;
    this.runId = runId;
  }

  /** How the run laid out its data, in words: ./submit train's plan (partitions "auto" chooses it as --partitions auto does). */
  public String plan() { return plan; }

  /** The run's id in the warehouse (the runId param, or the one derived or generated), or null when no warehouse was set. */
  public String runId() { return runId; }

  /** epoch, train_seconds, test_accuracy, test_cost, train_accuracy, train_cost, validation_accuracy, validation_cost, epoch_eta. */
  public Dataset<Row> metrics() { return MetricsTable.frame(SparkSession.active(), epochs); }

  /** The epochs run. */
  public int totalIterations() { return epochs.size(); }

  /**
   * The training cost after each epoch, one value per epoch run: network2.py's total cost (the
   * mean cost plus the weight penalty, lambda over the rows scored) on every training row with
   * monitor, else on the rows the test columns score (every training row in a frame of up to
   * 10,000).
   */
  public double[] objectiveHistory() {
    return epochs.stream().mapToDouble(e -> monitor ? e.trainCost() : e.testCost()).toArray();
  }
}
