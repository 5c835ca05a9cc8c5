package org.nndl.compat;

import org.apache.spark.SparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.execution.QueryExecution;

/**
 * Spark's classic (in-process) SQL engine, asked for directly. Since Spark 4.0 the classic
 * session and Dataset live in org.apache.spark.sql.classic, behind the API shared with Spark
 * Connect; the spark-3.5 twin (src/main/spark-3.5/java) reaches the same through the plain API.
 */
public final class Classic {
  private Classic() {}

  /** The running classic session, or a new one named appName. */
  public static SparkSession session(String appName) {
    return org.apache.spark.sql.classic.SparkSession.builder().appName(appName).getOrCreate();
  }

  /** The running classic session over sc, or a new one sharing it. */
  public static SparkSession session(SparkContext sc) {
    return org.apache.spark.sql.classic.SparkSession.builder().sparkContext(sc).getOrCreate();
  }

  /** The plan of a classic Dataset. */
  public static QueryExecution queryExecution(Dataset<?> rows) {
    return ((org.apache.spark.sql.classic.Dataset<?>) rows).queryExecution();
  }
}
