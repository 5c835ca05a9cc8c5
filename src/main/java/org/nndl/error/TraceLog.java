package org.nndl.error;

import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LoggerContext;

/**
 * Where a command's stack traces go: the log file the launcher names with {@code -Dnndl.log}
 * (conf/log4j2.properties writes every warning there with its trace), while the console shows
 * one line per failure. Without the property (tests, executors) traces stay on the console.
 */
public final class TraceLog {
  /** The logger conf/log4j2.properties sends to the log file only. */
  static final String TRACES = "org.nndl.traces";

  private TraceLog() {}

  /** The log file of this command, or null when the launcher named none. */
  public static String file() {
    String file = System.getProperty("nndl.log");
    return file == null || file.isBlank() || file.equals("/dev/null") ? null : file;
  }

  /** Whether the console shows every trace (NNDL_DEBUG=1). */
  public static boolean debug() { return System.getenv("NNDL_DEBUG") != null; }

  /** Writes a failure's trace to the log file, under the command's one line; the file's path, or null without one. */
  public static String record(String line, Throwable failure) {
    String file = file();
    if (file != null) LogManager.getLogger(TRACES).error(line, failure);
    return file;
  }

  /**
   * Stops the console's log output: after the command's error line, what Spark logs while it shuts
   * down (a local cluster's master and workers losing their application) goes to the log file only.
   */
  public static void quietConsole() {
    if (file() == null || debug()) return;
    if (!(LogManager.getContext(false) instanceof LoggerContext context)) return;
    var root = context.getConfiguration().getRootLogger();
    if (root.getAppenders().containsKey("console")) {
      root.removeAppender("console");
      context.getConfiguration().getLoggers().values().forEach(l -> l.removeAppender("console"));
      context.updateLoggers();
    }
  }
}
