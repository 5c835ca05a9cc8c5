package org.nndl.cli;

import java.io.PrintStream;
import org.nndl.data.DataError;
import org.nndl.metrics.MetricsError;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of the application jar: train, sweep, evaluate, predict, query, bench, plot, report. */
@Command(name = "submit", mixinStandardHelpOptions = true, version = "nndl-spark 0.1.0",
    description = "Nielsen's chapter-3 network trained with mini-batch SGD on Apache Spark.",
    subcommands = {TrainCommand.class, SweepCommand.class, EvaluateCommand.class, PredictCommand.class,
        QueryCommand.class, BenchCommand.class, PlotCommand.class, ReportCommand.class})
public final class Main {
  /** Exit codes: 0 done, 1 unexpected failure, 2 bad input or settings, 3 training diverged. */
  static final int BAD_INPUT = 2;

  public static void main(String[] args) {
    int code = commandLine().execute(args);
    System.out.flush();
    System.err.flush();
    // Exit even when Spark's non-daemon threads linger; spark-submit would do the same.
    System.exit(code);
  }

  static CommandLine commandLine() {
    CommandLine cl = new CommandLine(new Main());
    cl.setDefaultValueProvider(Defaults.load());
    cl.setParameterExceptionHandler((ex, args) -> {
      PrintStream err = System.err;
      err.println("error: " + ex.getMessage() + " (see ./submit " + ex.getCommandLine().getCommandName() + " --help)");
      return BAD_INPUT;
    });
    cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
      PrintStream err = System.err;  // read at the time of the error: tests and wrappers may swap it
      if (ex instanceof IllegalArgumentException || ex instanceof DataError || ex instanceof MetricsError) {
        err.println("error: " + oneLine(ex.getMessage()));
        err.flush();
        return BAD_INPUT;
      }
      if (System.getenv("NNDL_DEBUG") != null) ex.printStackTrace(err);
      err.println("error: " + ex.getClass().getSimpleName() + ": " + oneLine(ex.getMessage())
          + " (set NNDL_DEBUG=1 to see the stack trace)");
      return 1;
    });
    return cl;
  }

  static String oneLine(String s) {
    return s == null ? "" : s.lines().findFirst().orElse("").trim();
  }
}
