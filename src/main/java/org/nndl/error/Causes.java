package org.nndl.error;

import java.util.function.Predicate;

/** A failure's chain of causes, searched from the failure itself down (Spark wraps a task's exception in its own). */
public final class Causes {
  private Causes() {}

  /** The first throwable of the chain that matches, or null. */
  public static Throwable first(Throwable failure, Predicate<Throwable> matches) {
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (matches.test(t)) return t;
    }
    return null;
  }
}
