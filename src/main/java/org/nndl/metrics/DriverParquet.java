package org.nndl.metrics;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.example.GroupReadSupport;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.expressions.GenericRowWithSchema;
import org.apache.spark.sql.types.StructType;
import java.util.UUID;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroup;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Types;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;

/**
 * One row written as a Parquet file by the driver itself, with parquet-hadoop (which Spark
 * ships), not by a Spark job: a job's task runs on an executor and would write into the
 * executor's own disk, so on a multi-host cluster the driver's warehouse folder would never see
 * the row. Written under a hidden temporary name and renamed, so a reader sees the whole row or
 * nothing. Columns of the simple types only (int, long, double, boolean, string). A run's own rows
 * are read back the same way ({@link #read}), so a train needs no SQL session.
 */
final class DriverParquet {
  private DriverParquet() {}

  /** True when every column has a type this writer handles. */
  static boolean handles(List<StructField> fields) {
    return fields.stream().allMatch(f -> primitive(f.dataType()) != null);
  }

  static void write(Path dir, List<StructField> fields, List<Object> values) throws IOException {
    Types.MessageTypeBuilder b = Types.buildMessage();
    for (StructField f : fields) {
      PrimitiveTypeName t = primitive(f.dataType());
      if (t == PrimitiveTypeName.BINARY) b.optional(t).as(LogicalTypeAnnotation.stringType()).named(f.name());
      else b.optional(t).named(f.name());
    }
    MessageType schema = b.named("spark_schema");
    Group row = new SimpleGroup(schema);
    for (int i = 0; i < fields.size(); i++) {
      Object v = values.get(i);
      String name = fields.get(i).name();
      if (v == null) continue;  // optional: absent reads as null
      if (v instanceof Integer x) row.add(name, x);
      else if (v instanceof Long x) row.add(name, x);
      else if (v instanceof Double x) row.add(name, x);
      else if (v instanceof Boolean x) row.add(name, x);
      else row.add(name, Binary.fromString(v.toString()));
    }
    Files.createDirectories(dir);
    String name = "part-" + UUID.randomUUID() + ".snappy.parquet";
    Path tmp = dir.resolve("." + name + ".tmp");  // hidden: Spark's reader skips it
    try (var w = ExampleParquetWriter.builder(new LocalOutputFile(tmp)).withType(schema)
        .withCompressionCodec(CompressionCodecName.SNAPPY).build()) {
      w.write(row);
    } catch (IOException | RuntimeException e) {
      Files.deleteIfExists(tmp);
      throw e;
    }
    Files.move(tmp, dir.resolve(name), StandardCopyOption.ATOMIC_MOVE);
  }

  /**
   * The rows of every Parquet file in a run's partition directory (in file name order), read by
   * the driver without a SQL session: what {@code SELECT *} over that partition returns, with the
   * columns of all files (a column a file lacks is null) and {@code run_id} last.
   */
  static List<Row> read(Path dir, String runId) throws IOException {
    try (var list = Files.list(dir)) {
      return read(list.filter(f -> f.getFileName().toString().matches("[^_.].*\\.parquet")).sorted().toList(), runId);
    } catch (java.nio.file.NoSuchFileException e) {
      return List.of();
    }
  }

  /** The rows of the given files, as {@link #read(Path, String)}. */
  static List<Row> read(List<Path> files, String runId) throws IOException {
    List<Group> groups = new ArrayList<>();
    LinkedHashMap<String, DataType> columns = new LinkedHashMap<>();
    for (Path f : files) {
      try (ParquetReader<Group> r = ParquetReader.builder(new GroupReadSupport(), new org.apache.hadoop.fs.Path(f.toUri())).build()) {
        for (Group g = r.read(); g != null; g = r.read()) {
          for (org.apache.parquet.schema.Type t : g.getType().getFields()) {
            columns.putIfAbsent(t.getName(), sparkType(t.asPrimitiveType().getPrimitiveTypeName()));
          }
          groups.add(g);
        }
      }
    }
    columns.put("run_id", DataTypes.StringType);
    StructType schema = new StructType();
    for (var c : columns.entrySet()) schema = schema.add(c.getKey(), c.getValue(), true);
    List<Row> rows = new ArrayList<>();
    for (Group g : groups) {
      Object[] values = new Object[columns.size()];
      int i = 0;
      for (String name : columns.keySet()) {
        values[i++] = name.equals("run_id") ? runId : value(g, name);
      }
      rows.add(new GenericRowWithSchema(values, schema));
    }
    return rows;
  }

  private static Object value(Group g, String name) {
    if (!g.getType().containsField(name) || g.getFieldRepetitionCount(name) == 0) return null;
    return switch (g.getType().getType(name).asPrimitiveType().getPrimitiveTypeName()) {
      case INT32 -> g.getInteger(name, 0);
      case INT64 -> g.getLong(name, 0);
      case DOUBLE -> g.getDouble(name, 0);
      case BOOLEAN -> g.getBoolean(name, 0);
      default -> g.getString(name, 0);
    };
  }

  private static DataType sparkType(PrimitiveTypeName t) {
    return switch (t) {
      case INT32 -> DataTypes.IntegerType;
      case INT64 -> DataTypes.LongType;
      case DOUBLE -> DataTypes.DoubleType;
      case BOOLEAN -> DataTypes.BooleanType;
      default -> DataTypes.StringType;
    };
  }

  private static PrimitiveTypeName primitive(DataType t) {
    if (t.equals(DataTypes.IntegerType)) return PrimitiveTypeName.INT32;
    if (t.equals(DataTypes.LongType)) return PrimitiveTypeName.INT64;
    if (t.equals(DataTypes.DoubleType)) return PrimitiveTypeName.DOUBLE;
    if (t.equals(DataTypes.BooleanType)) return PrimitiveTypeName.BOOLEAN;
    if (t.equals(DataTypes.StringType)) return PrimitiveTypeName.BINARY;
    return null;
  }
}
