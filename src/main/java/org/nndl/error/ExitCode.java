package org.nndl.error;

/**
 * Every exit code of the command line, and the one place that maps a failure to its code and the
 * line the user sees.
 */
public final class ExitCode {
  /** The command did what it was asked. */
  public static final int OK = 0;
  /**
   * Something the project did not expect (a bug, or a failure of Spark or the cluster that is not
   * a refused setting): sysexits' EX_SOFTWARE, distinct from the 1 of a JVM that died of an
   * uncaught exception or of a launcher that failed.
   */
  public static final int INTERNAL = 70;
  /** Bad input: a setting, a file, a run or a warehouse the user can fix. */
  public static final int BAD_INPUT = 2;
  /** Training diverged: a gradient or the parameters stopped being finite (a huge cost alone is reported, not divergence). */
  public static final int DIVERGED = 3;
  /** Stopped by SIGINT (Ctrl-C) or SIGTERM: 128 + the signal number, as shells report. */
  public static final int SIGINT = 130;
  public static final int SIGTERM = 143;

  private ExitCode() {}

  /**
   * The user error behind a failure, or null: a {@link UserError} (the project's own refusal of a
   * setting, a file, a run or a query) however deep Spark wrapped it (an executor's task failure
   * carries the executor's exception as its cause). Any other exception, an
   * IllegalArgumentException from a precondition or from inside Spark included, is not the
   * user's: it is reported as internal, with its trace under NNDL_DEBUG=1. A cluster's refusal
   * of a setting the user gave ({@link ClusterRefusals}) is the user's too.
   */
  public static UserError userError(Throwable failure) {
    UserError own = (UserError) Causes.first(failure, t -> t instanceof UserError);
    if (own != null) return own;
    if (ClusterVerdict.of(failure) instanceof UserError refused) return refused;
    return ClusterRefusals.of(failure);
  }

  /** The exit code for a failure that reached the command line. */
  public static int of(Throwable failure) { return userError(failure) != null ? BAD_INPUT : INTERNAL; }

  /** The one line the user sees for a failure. */
  public static String message(Throwable failure) {
    UserError user = userError(failure);
    if (user != null) return UserError.oneLine(user.getMessage());
    RuntimeException verdict = ClusterVerdict.of(failure);  // the cluster's reason, when it stopped the application
    Throwable shown = verdict != null ? verdict : failure;
    return shown.getClass().getSimpleName() + ": " + Traces.firstLine(shown.getMessage());
  }
}
