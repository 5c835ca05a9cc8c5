package org.nndl.metrics;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The single row one table write appends, with its schema. Both tables write this way: one
 * tiny Parquet file per call into the run's own partition directory, so a write is cheap,
 * runs never touch each other's files, and every finished write survives a later crash.
 */
final class OneRow {
  private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]*");

  private final List<StructField> fields = new ArrayList<>();
  private final List<Object> values = new ArrayList<>();
  private final Set<String> names = new LinkedHashSet<>();

  /** Adds a column of a known type; {@code value} may be null. */
  OneRow add(String name, DataType type, Object value) {
    if (!NAME.matcher(name).matches() || name.equals("run_id")) {
      throw new IllegalArgumentException("column name '" + name
          + "' must be snake_case and not run_id (run_id comes from the partition directory)");
    }
    if (!names.add(name)) {
      throw new IllegalArgumentException("column '" + name + "' given twice");
    }
    fields.add(DataTypes.createStructField(name, type, true));
    values.add(value);
    return this;
  }

  /**
   * Adds caller-named columns typed by their Java values (String, Integer, Long, Double,
   * Boolean). A null value leaves the column out: it then reads back as null under schema
   * merge without pinning a type that could clash with another run's non-null value.
   */
  OneRow addAll(Map<String, Object> columns) {
    columns.forEach((name, value) -> {
      if (value != null) add(name, typeOf(name, value), value);
    });
    return this;
  }

  /**
   * Appends this row as one Parquet file under {@code dir} (created if missing). Rows of simple
   * columns (the metrics and runs tables) are written by the driver itself ({@link DriverParquet}),
   * so a cluster's executors never write into the driver's folder; others go through a Spark write
   * in {@code spark}, or, when that is null, in a session started only then.
   */
  void appendTo(SparkSession spark, Path dir) {
    if (DriverParquet.handles(fields)) {
      try {
        DriverParquet.write(dir, fields, values);
        return;
      } catch (IOException e) {
        throw new MetricsError("cannot write a row into " + dir + ": " + e.getMessage()
            + "; check that the warehouse directory is writable", e);
      }
    }
    (spark != null ? spark : SparkSession.builder().getOrCreate()).createDataFrame(List.of(toRow()), schema())
        .coalesce(1)
        .write()
        .mode(SaveMode.Append)
        .parquet(TablePaths.uri(dir));
  }

  StructType schema() { return DataTypes.createStructType(fields); }

  /** The row as a query would return it, for printing it without a round trip through a file. */
  Row toRow() { return RowFactory.create(values.toArray()); }

  private static DataType typeOf(String name, Object value) {
    if (value instanceof String) return DataTypes.StringType;
    if (value instanceof Integer) return DataTypes.IntegerType;
    if (value instanceof Long) return DataTypes.LongType;
    if (value instanceof Double) return DataTypes.DoubleType;
    if (value instanceof Boolean) return DataTypes.BooleanType;
    throw new IllegalArgumentException("column '" + name + "' has unsupported value type "
        + value.getClass().getName() + ": use String, Integer, Long, Double or Boolean");
  }
}
