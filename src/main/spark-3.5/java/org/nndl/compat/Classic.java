package org.nndl.compat;

import org.apache.spark.SparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.execution.QueryExecution;
import scala.Option;

/** Spark's classic SQL engine: on Spark 3.5 the plain API is the classic one (twin of src/main/spark-4/java's). */
public final class Classic {
  private Classic() {}

  /**
   * The running session, or a new one named appName. (Spark 3.5's builder warns that its options
   * do not apply when a session runs, so a running one is taken as it is, as Spark 4's does.)
   */
  public static SparkSession session(String appName) {
    Option<SparkSession> running = SparkSession.getActiveSession();
    if (running.isEmpty()) running = SparkSession.getDefaultSession();
    return running.isDefined() ? running.get() : SparkSession.builder().appName(appName).getOrCreate();
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
