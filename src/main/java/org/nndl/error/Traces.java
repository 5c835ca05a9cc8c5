package org.nndl.error;

import java.io.PrintWriter;
import java.io.StringWriter;

/** Text of failures: a message's first line, a throwable's printed trace. */
public final class Traces {
  private Traces() {}

  /** The first line of s, without its surrounding blanks; "" for null. */
  public static String firstLine(String s) { return s == null ? "" : s.strip().lines().findFirst().orElse("").strip(); }

  /** What printStackTrace prints. */
  public static String of(Throwable t) {
    StringWriter w = new StringWriter();
    t.printStackTrace(new PrintWriter(w));
    return w.toString();
  }

  /** Whether a message carries a stack trace (Spark puts a failed task's in its message). */
  public static boolean holdsTrace(String message) { return message != null && message.contains("\tat "); }
}
