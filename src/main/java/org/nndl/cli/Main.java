package org.nndl.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.nndl.data.PosixLocalFileSystem;
import org.nndl.error.ExitCode;
import org.nndl.error.TraceLog;
import picocli.CommandLine.Command;
import picocli.CommandLine;

/** Entry point of the application jar: train, sweep, evaluate, predict, query, bench, plot, report. */
@Command(name = "submit", mixinStandardHelpOptions = true, versionProvider = BuildVersion.class,
    description = "Nielsen's chapter-3 network trained with mini-batch SGD on Apache Spark.",
    subcommands = {TrainCommand.class, SweepCommand.class, EvaluateCommand.class, PredictCommand.class,
        QueryCommand.class, BenchCommand.class, PlotCommand.class, ReportCommand.class})
public final class Main {

  /** How a cluster-mode application of ours ends when its command failed: then the code, and the command's error line. */
  static final String ENDED = "nndl-spark ended with exit code";

  /** The error line this JVM's command printed last, for a cluster-mode application's end (see {@link YarnOutcome}). */
  private static volatile String lastError;

  /** Set by submit when this JVM lists its classes for a class archive (see src/main/sh/class-archive.sh). */
  static final String CLASS_ARCHIVE = "nndl.class-archive";

  public static void main(String[] args) {
    PosixLocalFileSystem.useForLocalMaster();
    CommandLine cl = commandLine();
    int code = cl.execute(args);
    markClassArchive(cl, code);
    System.out.flush();
    System.err.flush();
    if ("cluster".equals(System.getProperty("spark.submit.deployMode"))) {
      // Inside YARN's ApplicationMaster: System.exit would end the application as FAILED
      // ("Shutdown hook called before final status was reported") whatever the code. A return
      // reports SUCCEEDED, an exception FAILED with its message, which spark-submit then shows
      // and turns into its own exit status.
      if (code != ExitCode.OK) throw new IllegalStateException(ENDED + " " + code + (lastError == null ? "" : ": " + lastError));
      return;
    }
    // Exit even when Spark's non-daemon threads linger; spark-submit would do the same.
    System.exit(code);
  }

  /**
   * Marks the class list this JVM writes as worth an archive: only a command that ran to
   * success has loaded the classes its next runs need (a typo or --help loads almost none).
   */
  private static void markClassArchive(CommandLine cl, int code) {
    String archive = System.getProperty(CLASS_ARCHIVE);
    if (archive == null || !ranCommand(cl, code)) return;
    try {
      Files.write(Path.of(archive + ".ok"), new byte[0]);
    } catch (IOException | RuntimeException e) {
      // no archive then: the next run writes one again
    }
  }

  /** True when a command (not --help or --version) ran and succeeded. */
  static boolean ranCommand(CommandLine cl, int code) {
    CommandLine.ParseResult p = cl.getParseResult();
    if (code != ExitCode.OK || p == null || !p.hasSubcommand()) return false;
    for (; p != null; p = p.subcommand()) {
      if (p.isUsageHelpRequested() || p.isVersionHelpRequested()) return false;
    }
    return true;
  }

  static CommandLine commandLine() {
    CommandLine cl = new CommandLine(new Main());
    cl.setDefaultValueProvider(Defaults.load());
    cl.setParameterExceptionHandler((ex, args) -> {
      PrintStream err = System.err;
      lastError = "error: " + ex.getMessage() + " (see ./submit " + ex.getCommandLine().getCommandName() + " --help)";
      err.println(lastError);
      return ExitCode.BAD_INPUT;
    });
    cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> report(ex, System.err));
    return cl;
  }

  /**
   * Prints the one line of a failure that ended a command and returns its exit code: the user's
   * error alone; any other failure with its class, and where its stack trace is (the command's log
   * file, or the console with NNDL_DEBUG=1). Then the console says nothing more: Spark's
   * shutdown messages after it go to the log file only.
   */
  static int report(Throwable ex, PrintStream err) {  // err read at the time of the error: tests and wrappers may swap it
    int code = ExitCode.of(ex);
    String line = "error: " + ExitCode.message(ex);
    if (code != ExitCode.BAD_INPUT) {
      if (TraceLog.debug()) ex.printStackTrace(err);
      String file = TraceLog.record(line, ex);
      if (!TraceLog.debug()) {
        line += file == null ? " (set NNDL_DEBUG=1 to see the stack trace)" : " (stack trace in " + file + "; NNDL_DEBUG=1 prints it here)";
      }
    }
    lastError = line;
    err.println(line);
    err.flush();
    TraceLog.quietConsole();
    return code;
  }
}
