package org.nndl.error;

import java.util.Set;
import org.apache.spark.SparkThrowable;

/**
 * Whether a Spark failure is the user's SQL's doing, by the SQL state Spark gives its error: the
 * first Spark error in the cause chain that has one decides. Its class (the first two characters)
 * 42 is a syntax or analysis error, 22 a data exception (a division by zero under ANSI mode, a bad
 * cast), 21 a cardinality violation, 0A a feature Spark does not support. Every other failure (a
 * file that cannot be read, a lost executor, Spark's internal errors) is not the SQL's.
 */
public final class UsersSql {
  private static final Set<String> CLASSES = Set.of("42", "22", "21", "0A");

  private UsersSql() {}

  public static boolean caused(Throwable failure) {
    return error(failure) != null;
  }

  /**
   * The user's SQL error behind failure, or null: on Spark 4 the failure itself, on Spark 3.5
   * often the cause of a SparkException ("Job aborted due to stage failure: ...").
   */
  public static Throwable error(Throwable failure) {
    Throwable t = Causes.first(failure, c -> c instanceof SparkThrowable s && s.getSqlState() != null);
    if (t == null) return null;
    String state = ((SparkThrowable) t).getSqlState();
    return CLASSES.contains(state.substring(0, Math.min(2, state.length()))) ? t : null;
  }
}
