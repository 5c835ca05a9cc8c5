package org.nndl.metrics;

import java.util.LinkedHashMap;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;

/**
 * The {@code runs} table: one row per run with the settings it was started with, so that
 * metrics can be joined to how they were produced. Stored as Parquet under
 * {@code ROOT/tables/runs/run_id=ID/}; columns are the caller's setting names (snake_case)
 * plus {@code user} (who started the run, by the name the warehouse's file system gives its
 * folder's owner: {@link Warehouse#user}) and {@code run_id} (string, from the partition directory). Runs with different settings
 * simply have different columns; readers merge schemas and see null for a missing setting.
 */
public final class RunsTable {
  private final Warehouse warehouse;

  public RunsTable(Warehouse warehouse) { this.warehouse = warehouse; }

  /**
   * Records a claimed run's settings and its user. Values may be String, Integer, Long, Double or Boolean
   * (stored as the matching Spark type, which should not change between runs) or null
   * (the column is left out and reads back as null).
   */
  public void write(SparkSession spark, String runId, LinkedHashMap<String, Object> settings) {
    warehouse.requireClaimed(runId);
    new OneRow().add("user", DataTypes.StringType, warehouse.user()).addAll(settings)
        .appendTo(spark.sparkContext(), Warehouse.partition(warehouse.runsTable(), runId));
  }
}
