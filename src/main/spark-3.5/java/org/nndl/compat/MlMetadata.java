package org.nndl.compat;

import org.apache.spark.ml.param.Params;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.DefaultParamsWriter;
import org.apache.spark.sql.SparkSession;
import scala.Option;

/** Spark ML's params metadata (metadata/ of a saved stage): Spark 3.5 reads and writes it through the SparkContext. */
public final class MlMetadata {
  private MlMetadata() {}

  public static void save(Params stage, String path, SparkSession spark) {
    DefaultParamsWriter.saveMetadata(stage, path, spark.sparkContext(), Option.empty(), Option.empty());
  }

  public static DefaultParamsReader.Metadata load(String path, SparkSession spark, String className) {
    return DefaultParamsReader.loadMetadata(path, spark.sparkContext(), className);
  }
}
