package org.nndl.metrics;

/**
 * A problem the user can fix (bad run id, empty warehouse, bad SQL). The message is one line
 * saying what is wrong and what to do, because the CLI prints only the message.
 */
public class MetricsError extends RuntimeException {
  public MetricsError(String message) { super(oneLine(message)); }
  public MetricsError(String message, Throwable cause) { super(oneLine(message), cause); }

  private static String oneLine(String message) {
    return message == null ? "" : message.replaceAll("\\s*[\\r\\n]+\\s*", " ").strip();
  }
}
