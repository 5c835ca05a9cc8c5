package org.nndl.metrics;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;

/**
 * The {@code metrics} table: one row per finished epoch, written as the epoch ends (together
 * with the epochs that ended during the previous write) so a crash keeps the finished epochs.
 * Stored as Parquet under {@code ROOT/tables/metrics/run_id=ID/}, one file per write, with
 * columns {@code epoch INT, train_seconds DOUBLE, test_accuracy DOUBLE (fraction in [0,1]),
 * test_cost DOUBLE, train_accuracy DOUBLE (null if not monitored), train_cost DOUBLE (null if
 * not monitored), validation_accuracy DOUBLE, validation_cost DOUBLE (null without
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
    append(spark, runId, hyperparameters, List.of(m));
  }

  /**
   * Appends epochs of a claimed run in one write (one Spark job and one small Parquet file, not
   * one per epoch): a run whose epochs end faster than a write finishes writes the rows that
   * waited meanwhile together. A write never holds epochs on both sides of a checkpoint (the
   * run's writer sees to it), so {@link #dropEpochsAfter} removes whole files.
   */
  public void append(SparkSession spark, String runId,
      LinkedHashMap<String, Object> hyperparameters, List<EpochMetrics> epochs) {
    warehouse.requireClaimed(runId);
    OneRow.appendAll(spark.sparkContext(), Warehouse.partition(warehouse.metricsTable(), runId),
        epochs.stream().map(m -> epochColumns(m).addAll(hyperparameters)).toList());
  }

  /** Epochs as the table's measured columns (no hyperparameters, no run_id): a model's training summary. */
  public static Dataset<Row> frame(SparkSession spark, List<EpochMetrics> epochs) {
    OneRow first = epochColumns(epochs.isEmpty() ? new EpochMetrics(0, 0, 0, 0, null, null) : epochs.get(0));
    List<Row> rows = epochs.stream().map(m -> epochColumns(m).toRow()).toList();
    return spark.createDataFrame(rows, first.schema());
  }

  private static OneRow epochColumns(EpochMetrics m) {
    return new OneRow()
        .add("epoch", DataTypes.IntegerType, m.epoch())
        .add("train_seconds", DataTypes.DoubleType, m.trainSeconds())
        .add("test_accuracy", DataTypes.DoubleType, m.testAccuracy())
        .add("test_cost", DataTypes.DoubleType, m.testCost())
        .add("train_accuracy", DataTypes.DoubleType, m.trainAccuracy())
        .add("train_cost", DataTypes.DoubleType, m.trainCost())
        .add("validation_accuracy", DataTypes.DoubleType, m.validationAccuracy())
        .add("validation_cost", DataTypes.DoubleType, m.validationCost())
        .add("epoch_eta", DataTypes.DoubleType, m.eta());
  }

  /**
   * Deletes the run's rows of epochs after {@code epoch}: what a resumed run redoes from its last
   * checkpoint. A file holds the rows of one write, which never spans a checkpoint, so each
   * deletion removes whole epochs; a query running meanwhile sees whole epochs only. A file with
   * epochs on both sides of {@code epoch} is refused, untouched. Returns the number of rows removed.
   */
  public int dropEpochsAfter(SparkSession spark, String runId, int epoch) {
    Path dir = Warehouse.partition(warehouse.metricsTable(), runId);
    if (!warehouse.isDirectory(dir)) return 0;
    int dropped = 0;
    try {
      for (FileStatus f : warehouse.fs().listStatus(dir)) {
        String name = f.getPath().getName();
        if (!name.endsWith(".parquet") || name.startsWith(".") || name.startsWith("_")) continue;
        Row r = spark.read().parquet(f.getPath().toString())
            .agg(functions.min("epoch"), functions.max("epoch"), functions.count("epoch")).first();
        if (r.getInt(1) <= epoch) continue;
        if (r.getInt(0) <= epoch) {
          throw new MetricsError("metrics file " + f.getPath() + " holds epochs " + r.getInt(0) + " to " + r.getInt(1)
              + ", on both sides of checkpoint epoch " + epoch + ": resume from a checkpoint at or after epoch " + r.getInt(1));
        }
        warehouse.fs().delete(f.getPath(), false);
        warehouse.fs().delete(new Path(dir, "." + name + ".crc"), false);
        dropped += (int) r.getLong(2);
      }
    } catch (IOException e) {
      throw new MetricsError("cannot remove the rows after epoch " + epoch + " of run " + runId + " in " + dir
          + " (" + e.getMessage() + "): check the warehouse is writable", e);
    }
    return dropped;
  }

  /** The run's rows, by epoch, as written (columns a warehouse from an older version lacks read as null). */
  public List<EpochMetrics> epochs(SparkSession spark, String runId) {
    String quoted = "'" + runId.replace("'", "''") + "'";
    List<EpochMetrics> out = new ArrayList<>();
    for (Row r : Query.run(spark, warehouse, "SELECT * FROM metrics WHERE run_id = " + quoted
        + " ORDER BY epoch").collectAsList()) {
      out.add(new EpochMetrics(r.getInt(r.fieldIndex("epoch")), r.getDouble(r.fieldIndex("train_seconds")),
          r.getDouble(r.fieldIndex("test_accuracy")), r.getDouble(r.fieldIndex("test_cost")),
          optional(r, "train_accuracy"), optional(r, "train_cost"), optional(r, "validation_accuracy"),
          optional(r, "validation_cost"), optional(r, "epoch_eta")));
    }
    return out;
  }

  private static Double optional(Row r, String column) {
    if (!Arrays.asList(r.schema().fieldNames()).contains(column)) return null;
    int i = r.fieldIndex(column);
    return r.isNullAt(i) ? null : r.getDouble(i);
  }
}
