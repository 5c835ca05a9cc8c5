package org.nndl;

import org.apache.spark.sql.SparkSession;

/**
 * One local Spark session shared by every test in the JVM (start-up costs seconds). Two cores,
 * and two attempts per task (local[2,2]): a test can fail a task once and watch the retry, as on
 * a cluster (which allows four).
 */
public final class SparkTestSession {
  private static SparkSession session;

  private SparkTestSession() {}

  public static synchronized SparkSession get() {
    if (session == null) {
      session = SparkSession.builder()
          .master("local[2,2]")
          .appName("nndl-spark-tests")
          .config("spark.ui.enabled", "false")
          .config("spark.ui.showConsoleProgress", "false")
          .config("spark.sql.shuffle.partitions", "2")
          .config("spark.sql.ansi.enabled", "true")  // as conf/spark-defaults.conf: Spark 4's default, set for 3.5
          .config("spark.serializer", "org.apache.spark.serializer.KryoSerializer")
          .getOrCreate();
    }
    return session;
  }
}
