package org.nndl.metrics;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
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
 * nothing. Columns of the simple types only (int, long, double, boolean, string).
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

  private static PrimitiveTypeName primitive(DataType t) {
    if (t.equals(DataTypes.IntegerType)) return PrimitiveTypeName.INT32;
    if (t.equals(DataTypes.LongType)) return PrimitiveTypeName.INT64;
    if (t.equals(DataTypes.DoubleType)) return PrimitiveTypeName.DOUBLE;
    if (t.equals(DataTypes.BooleanType)) return PrimitiveTypeName.BOOLEAN;
    if (t.equals(DataTypes.StringType)) return PrimitiveTypeName.BINARY;
    return null;
  }
}
