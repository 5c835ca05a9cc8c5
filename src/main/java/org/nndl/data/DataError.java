package org.nndl.data;

import org.nndl.error.UserError;

/** Bad input data (a missing, damaged or mismatched file): one line saying what is wrong and what to do. */
public class DataError extends UserError {
  public DataError(String message) { super(message); }

  public DataError(String message, Throwable cause) { super(message, cause); }
}
