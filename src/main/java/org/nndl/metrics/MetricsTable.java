package org.nndl.metrics;

import java.util.LinkedHashMap;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;

/**
 * The {@code metrics} table: one row per finished epoch, written as the epoch ends so a crash
 * keeps every finished epoch. Stored as Parquet under {@code ROOT/tables/metrics/run_id=ID/}
 * with columns {@code epoch INT, train_seconds DOUBLE, test_accuracy DOUBLE (fraction in
 * [0,1]), test_cost DOUBLE, train_accuracy DOUBLE (null if not monitored), train_cost DOUBLE
 * (null if not monitored), validation_accuracy DOUBLE, validation_cost DOUBLE (null without
 * --validation), epoch_eta DOUBLE (the learning rate in force during the epoch; the eta column
 * is the starting one)}, then the caller's hyperparameter columns (typed as in
 * {@link RunsTable}), plus {@code run_id} (string, from the partition directory). Repeating
 * the hyperparameters on each row lets one query compare epochs across runs without a join.
 */
public final class MetricsTable {
  private final Warehouse warehouse;

  public MetricsTable(Warehouse warehouse) { this.warehouse = warehouse; }

  /** Appends one epoch of a claimed run as a single small Parquet file. */
  public void append(SparkSession spark, String runId,
      LinkedHashMap<String, Object> hyperparameters, EpochMetrics m) {
    warehouse.requireClaimed(runId);
    new OneRow()
        .add("epoch", DataTypes.IntegerType, m.epoch())
        .add("train_seconds", DataTypes.DoubleType, m.trainSeconds())
        .add("test_accuracy", DataTypes.DoubleType, m.testAccuracy())
        .add("test_cost", DataTypes.DoubleType, m.testCost())
        .add("train_accuracy", DataTypes.DoubleType, m.trainAccuracy())
        .add("train_cost", DataTypes.DoubleType, m.trainCost())
        .add("validation_accuracy", DataTypes.DoubleType, m.validationAccuracy())
        .add("validation_cost", DataTypes.DoubleType, m.validationCost())
        .add("epoch_eta", DataTypes.DoubleType, m.eta())
        .addAll(hyperparameters)
        .appendTo(spark, Warehouse.partition(warehouse.metricsTable(), runId));
  }
}
