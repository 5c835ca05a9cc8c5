package org.nndl.metrics;

import org.nndl.error.UserError;

/** A problem with the warehouse the user can fix (bad run id, empty warehouse, bad SQL, a missing run). */
public class MetricsError extends UserError {
  public MetricsError(String message) { super(message); }

  public MetricsError(String message, Throwable cause) { super(message, cause); }
}
