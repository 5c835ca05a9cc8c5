package org.nndl.metrics;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.SparkContext;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.nndl.data.Sessions;

/**
 * One row a table write appends, with its schema. Every table writes this way: one tiny
 * Parquet file per write (a row, or the rows that waited for it) into the run's own partition
 * directory, so a write is cheap, runs never touch each other's files, and every finished write
 * survives a later crash.
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
   * Appends this row as one Parquet file into {@code dir}, a run's own partition folder, with
   * Spark's writer: its commit moves the finished file into place with one rename, so a query
   * meanwhile sees the whole row or none of it. The folder is the partition itself rather than
   * the table root with {@code partitionBy("run_id")}: Spark's committer stages every write to a
   * folder in that folder's {@code _temporary}, and deletes it when done, which would break
   * another run appending to the same table at that moment. The files and folders are those of
   * {@code partitionBy}. The task runs on an executor, so the warehouse must be storage every
   * executor shares (see {@code SharedWarehouse}).
   */
  void appendTo(SparkContext sc, Path dir) { appendAll(sc, dir, List.of(this)); }

  /** Appends rows of one schema as {@link #appendTo} does: one Parquet file, committed by one job. */
  static void appendAll(SparkContext sc, Path dir, List<OneRow> rows) {
    StructType schema = rows.get(0).schema();
    for (OneRow r : rows) {
      if (!r.schema().equals(schema)) throw new IllegalArgumentException("rows of one write must share their columns");
    }
    shareTable(sc, dir);
    Sessions.over(sc).createDataFrame(rows.stream().map(OneRow::toRow).toList(), schema)
        .coalesce(1)
        .write()
        .mode(SaveMode.Append)
        .parquet(dir.toString());
  }

  /** The table's folder and tables/ above it, which every user of the warehouse adds partitions to. */
  private static void shareTable(SparkContext sc, Path partition) {
    Path table = partition.getParent();
    try {
      FileSystem fs = table.getFileSystem(sc.hadoopConfiguration());
      SharedFolder.ensure(fs, table.getParent());
      SharedFolder.ensure(fs, table);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create " + table + " (" + e.getMessage() + "): check that the warehouse is writable", e);
    }
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
