package org.nndl.data;

/** Bad input data: the message is one line that says what is wrong and what to do. */
public class DataError extends RuntimeException {
  public DataError(String message) { super(message); }
  public DataError(String message, Throwable cause) { super(message, cause); }
}
