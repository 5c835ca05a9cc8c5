package org.nndl.compat;

import org.apache.spark.SparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.execution.QueryExecution;

/** Spark's classic SQL engine: on Spark 3.5 the plain API is the classic one (twin of src/main/spark-4/java's). */
public final class Classic {
  private Classic() {}

  /** The running session, or a new one named appName. */
  public static SparkSession session(String appName) {
    return SparkSession.builder().appName(appName).getOrCreate();
  }

  /** The running session over sc, or a new one sharing it. */
  public static SparkSession session(SparkContext sc) {
    return SparkSession.builder().sparkContext(sc).getOrCreate();
  }

  /** The plan of a Dataset. */
  public static QueryExecution queryExecution(Dataset<?> rows) {
    return rows.queryExecution();
  }
}
