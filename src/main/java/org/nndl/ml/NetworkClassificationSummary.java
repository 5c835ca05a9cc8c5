package org.nndl.ml;

import org.apache.spark.mllib.evaluation.MulticlassMetrics;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;

/**
 * Spark's classification metrics of a model's predictions on a DataFrame, as Spark's
 * {@code ClassificationSummary}: what {@link NetworkClassificationModel#evaluate} returns, and the
 * training summary's figures on the training rows. Computed once, on first use, by MLlib's
 * {@code MulticlassMetrics} over (prediction, label), every row of weight 1: the figures
 * {@code MulticlassClassificationEvaluator} gives for the same predictions.
 */
public class NetworkClassificationSummary {
  private final transient Dataset<Row> predictions;
  private final String predictionCol;
  private final String labelCol;
  private transient MulticlassMetrics metrics;

  NetworkClassificationSummary(Dataset<Row> predictions, String predictionCol, String labelCol) {
    this.predictions = predictions;
    this.predictionCol = predictionCol;
    this.labelCol = labelCol;
  }

  /** The model's output on the rows: the DataFrame with rawPrediction, probability and prediction columns. */
  public Dataset<Row> predictions() { return predictions; }

  public String predictionCol() { return predictionCol; }

  public String labelCol() { return labelCol; }

  /** The classes met in labels or predictions, ascending. */
  public double[] labels() { return metrics().labels(); }

  /** The fraction of rows predicted right. */
  public double accuracy() { return metrics().accuracy(); }

  /** Each class's precision weighted by its share of the labels. */
  public double weightedPrecision() { return metrics().weightedPrecision(); }

  /** Each class's recall weighted by its share of the labels (equal to the accuracy). */
  public double weightedRecall() { return metrics().weightedRecall(); }

  /** Each class's F1 weighted by its share of the labels. */
  public double weightedFMeasure() { return metrics().weightedFMeasure(); }

  public double weightedTruePositiveRate() { return metrics().weightedTruePositiveRate(); }

  public double weightedFalsePositiveRate() { return metrics().weightedFalsePositiveRate(); }

  private synchronized MulticlassMetrics metrics() {
    if (metrics == null) {
      metrics = new MulticlassMetrics(predictions.select(functions.col(predictionCol).cast(DataTypes.DoubleType),
          functions.col(labelCol).cast(DataTypes.DoubleType)));
    }
    return metrics;
  }
}
