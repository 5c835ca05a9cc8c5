package org.nndl.data;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/** Image sets as DataFrames (label, features of raw 0-255 pixel values), for tests of the frame path. */
public final class Frames {
  private Frames() {}

  public static StructType schema() {
    return new StructType().add("label", DataTypes.DoubleType).add("features", SQLDataTypes.VectorType());
  }

  /** The set's rows in order, cut into the given number of partitions (parallelize keeps the order). */
  public static org.apache.spark.sql.Dataset<Row> of(SparkSession spark, Dataset d, int partitions) {
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < d.size(); i++) {
      double[] x = new double[d.inputSize()];
      for (int p = 0; p < x.length; p++) x[p] = d.pixels()[i * d.inputSize() + p] & 0xff;
      rows.add(RowFactory.create((double) d.label(i), Vectors.dense(x)));
    }
    return spark.createDataFrame(JavaSparkContext.fromSparkContext(spark.sparkContext()).parallelize(rows, partitions), schema());
  }

  /** The set as a LIBSVM file's text: label, then index:value (from 1) of each non-zero raw pixel. */
  public static String libsvm(Dataset d) {
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < d.size(); i++) {
      s.append(d.label(i));
      for (int p = 0; p < d.inputSize(); p++) {
        int v = d.pixels()[i * d.inputSize() + p] & 0xff;
        if (v != 0) s.append(' ').append(p + 1).append(':').append(v);
      }
      s.append('\n');
    }
    return s.toString();
  }

  /** The set as CSV text: label,pixel0..pixel783 of raw pixels, with that header line or none. */
  public static String csv(Dataset d, boolean header) {
    StringBuilder s = new StringBuilder();
    if (header) {
      s.append("label");
      for (int p = 0; p < d.inputSize(); p++) s.append(",pixel").append(p);
      s.append('\n');
    }
    for (int i = 0; i < d.size(); i++) {
      s.append(d.label(i));
      for (int p = 0; p < d.inputSize(); p++) s.append(',').append(d.pixels()[i * d.inputSize() + p] & 0xff);
      s.append('\n');
    }
    return s.toString();
  }
}
