package org.nndl.metrics;

import org.apache.spark.SparkContext;
import org.apache.spark.sql.SparkSession;

/**
 * The one place a SQL session for writing table rows comes from: built on first use around the
 * SparkContext already running (getOrCreate finds it, and the session already made when there is
 * one), so a command that trains with a bare SparkContext pays for a SparkSession only when its
 * first row is written.
 */
public final class RowSession {
  private RowSession() {}

  /** The session over {@code sc}: the active one, or a new one sharing sc (never a second SparkContext). */
  public static SparkSession of(SparkContext sc) {
    SparkSession active = SparkSession.getActiveSession().getOrElse(() -> null);
    if (active != null && active.sparkContext() == sc) return active;
    return SparkSession.builder().getOrCreate();  // SparkContext.getOrCreate inside: reuses sc
  }
}
