package org.nndl.data;

/**
 * Bad input data: the message is one line that says what is wrong and what to do. Line breaks in
 * messages taken from other libraries (Hadoop's span several lines) are folded into spaces.
 */
public class DataError extends RuntimeException {
  public DataError(String message) { super(oneLine(message)); }

  public DataError(String message, Throwable cause) { super(oneLine(message), cause); }

  private static String oneLine(String message) {
    return message == null ? null : message.replaceAll("\\s*\\R\\s*", " ");
  }
}
