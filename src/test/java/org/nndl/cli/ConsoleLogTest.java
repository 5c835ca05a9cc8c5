package org.nndl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import org.apache.logging.log4j.core.Appender;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.WriterAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.ConfigurationSource;
import org.apache.logging.log4j.core.config.properties.PropertiesConfigurationFactory;
import org.junit.jupiter.api.Test;
import org.nndl.data.DataError;

/**
 * What conf/log4j2.properties (the file ./submit gives every command) lets through to the
 * console, in a logger context of its own: Spark's events as Spark
 * names and words them, a user's bad file reaching the user once (as the command's one error
 * line, not as Spark's task-failure traces), and real problems still shown.
 */
class ConsoleLogTest {
  private static final String LOST_TASK = "Lost task 0.0 in stage 1.0 (TID 1) (localhost executor driver): ";

  /**
   * What the console shows of the events sent: the console appender of the file is replaced by
   * one writing to a string, with its layout and filter, in the same place (the root logger), so
   * every event meets the same levels and filters on its way. (Capturing System.err instead would miss the events when
   * another logger context already holds log4j's shared console stream.)
   */
  private static String console(Consumer<LoggerContext> events) throws Exception {
    LoggerContext context = new LoggerContext("console-test");
    StringWriter shown = new StringWriter();
    try {
      Configuration conf = new PropertiesConfigurationFactory().getConfiguration(context,
          ConfigurationSource.fromUri(Path.of("conf/log4j2.properties").toUri()));
      context.start(conf);
      Appender console = conf.getRootLogger().getAppenders().get("console");
      assertTrue(console != null, "the file's root logger writes to its console appender");
      Appender capture = WriterAppender.newBuilder().setName("capture").setTarget(shown)
          .setLayout(console.getLayout()).setFilter(((org.apache.logging.log4j.core.filter.Filterable) console).getFilter()).build();
      capture.start();
      conf.getRootLogger().removeAppender("console");
      conf.getRootLogger().addAppender(capture, null, null);
      context.updateLoggers();
      events.accept(context);
    } finally {
      context.stop();
    }
    return shown.toString();
  }

  /** The name Spark logs that notice under: its SparkStringUtils, in org.apache.spark.util since Spark 4.0, in sql.catalyst.util on 3.5. */
  private static String planTextLogger() {
    for (String name : List.of("org.apache.spark.util.SparkStringUtils", "org.apache.spark.sql.catalyst.util.SparkStringUtils")) {
      try {
        Class.forName(name + "$");
        return name;
      } catch (ClassNotFoundException e) {
        // the other line's
      }
    }
    throw new AssertionError("no SparkStringUtils on the class path");
  }

  private static String stackText(Throwable t) {
    java.io.StringWriter w = new java.io.StringWriter();
    t.printStackTrace(new java.io.PrintWriter(w));
    return w.toString();
  }

  @Test
  void sparksPlanTruncationNoticeIsNotShown() throws Exception {
    String logger = planTextLogger();
    assertEquals("", console(c -> c.getLogger(logger).warn("Truncated the string representation of a plan since it was"
        + " too large. This behavior can be adjusted by setting 'spark.sql.debug.maxToStringFields'.")));
  }

  @Test
  void aUsersBadFileFailingATaskShowsNoSparkTrace() throws Exception {
    DataError bad = new DataError("/data/train-images-idx3-ubyte.gz: truncated: check the download");
    String shown = console(c -> {
      c.getLogger("org.apache.spark.executor.Executor").error("Exception in task 0.0 in stage 1.0 (TID 1)", bad);
      c.getLogger("org.apache.spark.scheduler.TaskSetManager").warn(LOST_TASK + stackText(bad));
      c.getLogger("org.apache.spark.scheduler.TaskSetManager").error("Task 0 in stage 1.0 failed 1 times; aborting job");
    });
    assertEquals("", shown);
  }

  @Test
  void anExecutorsOwnFailuresStayVisibleWithTheirTrace() throws Exception {
    String executor = "org.apache.spark.executor.Executor";
    String shown = console(c -> {
      c.getLogger(executor).error("Exception in task 0.0 in stage 1.0 (TID 1)", new OutOfMemoryError("Java heap space"));
      c.getLogger(executor).warn("Issue communicating with driver in heartbeater",
          new IllegalStateException("heartbeat timed out"));
      c.getLogger(executor).error("Exception in task 1.0 in stage 1.0 (TID 2)",
          new IllegalArgumentException("requirement failed: a bug, not the user's input"));
    });
    assertTrue(shown.contains("Exception in task 0.0") && shown.contains("java.lang.OutOfMemoryError: Java heap space"), shown);
    assertTrue(shown.contains("Issue communicating with driver in heartbeater"), shown);
    assertTrue(shown.contains("requirement failed: a bug"), shown);
    assertTrue(shown.contains("\tat org.nndl.cli.ConsoleLogTest"), "traces are shown: " + shown);
  }

  @Test
  void aUsersBadFileWrappedBySparkIsStillNotShownTwice() throws Exception {
    RuntimeException wrapped = new RuntimeException("task failed", new DataError("/data/x.gz: not gzip: check the file"));
    assertEquals("", console(c -> c.getLogger("org.apache.spark.executor.Executor").error("Exception in task 0.0", wrapped)));
  }

  /** An executor's error of the user's SQL (SQL state 22012) is the query's one-line error: no trace from the executor or the scheduler. */
  @Test
  void aUsersSqlErrorOnAnExecutorShowsNoTrace() throws Exception {
    org.apache.spark.sql.SparkSession spark = org.nndl.SparkTestSession.get();
    Exception divide = org.junit.jupiter.api.Assertions.assertThrows(Exception.class,
        () -> spark.sql("select 1 / (id - id) from range(1)").collect());
    Throwable first = divide;
    while (!(first instanceof org.apache.spark.SparkThrowable s && s.getSqlState() != null)) first = first.getCause();
    String lost = LOST_TASK + stackText(first);
    assertEquals("", console(c -> {
      c.getLogger("org.apache.spark.executor.Executor").error("Exception in task 0.0", divide);
      c.getLogger("org.apache.spark.scheduler.TaskSetManager").warn(lost);
    }));
  }

  /** A SparkContext that cannot start throws what it logs: the command's error line says it, so Spark's copy is not shown; its other lines are. */
  @Test
  void aSparkContextThatCannotStartIsReportedOnceByTheCommand() throws Exception {
    String shown = console(c -> {
      c.getLogger("org.apache.spark.SparkContext").error("Error initializing SparkContext.",
          new IllegalArgumentException("requirement failed: A secret key must be specified via the spark.authenticate.secret config."));
      c.getLogger("org.apache.spark.SparkContext").warn("Another SparkContext is being constructed");
    });
    assertFalse(shown.contains("Error initializing") || shown.contains("secret key"), shown);
    assertTrue(shown.contains("Another SparkContext is being constructed"), shown);
  }

  @Test
  void realProblemsStayVisible() throws Exception {
    IllegalStateException bug = new IllegalStateException("something the project did not expect");
    String shown = console(c -> {
      c.getLogger("org.apache.spark.scheduler.TaskSetManager").warn(LOST_TASK + stackText(bug));
      c.getLogger("org.apache.spark.scheduler.TaskSchedulerImpl").error("Lost executor 1 on host: worker lost");
      c.getLogger("org.apache.spark.scheduler.TaskSetManager").warn(LOST_TASK + "org.apache.spark.SparkException:"
          + " [FAILED_READ_FILE.NO_HINT] Encountered error while reading file part-0.parquet. SQLSTATE: KD001\n\tat x.y(Z.java:1)\n"
          + "Caused by: org.apache.spark.SparkArithmeticException: [DIVIDE_BY_ZERO] Division by zero. SQLSTATE: 22012\n");
      c.getLogger("org.nndl.run.TrainRun").warn("a warning of the project's own");
    });
    assertTrue(shown.contains("IllegalStateException: something the project did not expect"), shown);
    assertTrue(shown.contains("Lost executor 1"), shown);
    assertTrue(shown.contains("Encountered error while reading file part-0.parquet"), shown);
    assertTrue(shown.contains("a warning of the project's own"), shown);
  }

  /**
   * With the command's log file named (-Dnndl.log, as ./submit does): an executor's failure is one
   * console line per distinct cause that names the file, however many tasks, attempts and
   * executors it hit; the file holds every event with its trace. An event without a trace (YARN's
   * application report) is shown whole.
   */
  @Test
  void executorFailuresAreOneLinePerCauseWithTheirTracesInTheLogFile(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
    Path log = dir.resolve("command.log");
    String old = System.getProperty("nndl.log");
    System.setProperty("nndl.log", log.toString());
    String shown;
    try {
      OutOfMemoryError oom = new OutOfMemoryError("Java heap space");
      shown = console(c -> {
        c.getLogger("org.apache.spark.executor.Executor").error("Exception in task 0.0 in stage 5.0 (TID 6)", oom);
        for (int attempt = 0; attempt < 3; attempt++) {
          c.getLogger("org.apache.spark.scheduler.TaskSetManager").warn("Lost task 0." + attempt + " in stage 5.0 (TID "
              + (6 + attempt) + ") (127.0.0.1 executor " + attempt + "): " + stackText(oom));
          c.getLogger("org.apache.spark.scheduler.TaskSetManager").warn("Lost task 1." + attempt + " in stage 5.0 (TID "
              + (9 + attempt) + ") (127.0.0.1 executor " + attempt + "): ExecutorLostFailure (executor " + attempt
              + " exited caused by one of the running tasks) Reason: Command exited with code 52");
        }
        c.getLogger("org.apache.spark.deploy.yarn.Client").info("\n\t client token: N/A\n\t final status: UNDEFINED");
        c.getLogger("org.apache.spark.deploy.yarn.Client").info("\n\t client token: N/A\n\t final status: SUCCEEDED");
      });
    } finally {
      if (old == null) System.clearProperty("nndl.log"); else System.setProperty("nndl.log", old);
    }
    java.util.List<String> lines = shown.lines().toList();
    assertEquals(8, lines.size(), shown);
    assertTrue(lines.get(0).contains("Exception in task 0.0 in stage 5.0 (TID 6): java.lang.OutOfMemoryError: Java heap space (full trace in "
        + log + ")"), shown);
    assertTrue(lines.get(1).endsWith("TaskSetManager: Lost task 1.0 in stage 5.0 (TID 9) (127.0.0.1 executor 0): ExecutorLostFailure"
        + " (executor 0 exited caused by one of the running tasks) Reason: Command exited with code 52"), shown);
    assertEquals("\t client token: N/A", lines.get(3), shown);
    assertEquals("\t final status: UNDEFINED", lines.get(4), "a report without a trace is shown whole: " + shown);
    assertEquals("\t final status: SUCCEEDED", lines.get(7), "another report, alike in its first line, is shown too: " + shown);
    String file = java.nio.file.Files.readString(log);
    assertEquals(7, file.lines().filter(l -> l.contains("Exception in task") || l.contains("Lost task")).count(), file);
    assertTrue(file.contains("java.lang.OutOfMemoryError: Java heap space\n\tat org.nndl.cli.ConsoleLogTest"), file);
  }
}
