package org.nndl.compute;

import java.util.function.Supplier;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * Names the Spark jobs that a piece of driver code starts, as the Spark UI and the History
 * Server show them ({@code epoch 3 step 120/800}, {@code epoch 3 fused steps 1-400},
 * {@code epoch 3 evaluation}), and clears the name afterwards, so that later jobs of the same
 * thread (and threads it starts, which inherit it) do not carry a stale one.
 */
public final class JobDescription {
  /** The local property setJobDescription sets (SparkContext.SPARK_JOB_DESCRIPTION, not visible from Java). */
  static final String KEY = "spark.job.description";

  private JobDescription() {}

  /** Runs jobs with their Spark jobs described as description. */
  public static <T> T run(JavaSparkContext sc, String description, Supplier<T> jobs) {
    sc.setJobDescription(description);
    try {
      return jobs.get();
    } finally {
      sc.setLocalProperty(KEY, null);
    }
  }
}
