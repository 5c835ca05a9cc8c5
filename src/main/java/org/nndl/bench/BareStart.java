package org.nndl.bench;

import org.apache.spark.sql.SparkSession;

/**
 * The bare Spark application the start-up lines of the bench compare against: a SparkSession up,
 * one one-row job, down. Launched by {@link StartupBench} the way submit launches the project.
 */
public final class BareStart {
  private BareStart() {}

  public static void main(String[] args) {
    SparkSession spark = SparkSession.builder().appName("nndl-spark bare start").getOrCreate();
    long rows = spark.range(1).count();
    spark.stop();
    if (rows != 1) throw new IllegalStateException("a one-row job counted " + rows + " rows");
  }
}
