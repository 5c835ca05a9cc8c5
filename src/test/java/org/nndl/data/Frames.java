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
}
