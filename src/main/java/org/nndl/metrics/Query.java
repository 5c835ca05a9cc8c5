package org.nndl.metrics;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.hadoop.fs.Path;
import org.apache.spark.SparkThrowable;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.nndl.error.Causes;
import org.nndl.error.UsersSql;

/**
 * Runs user SQL over a warehouse's tables, visible as the views {@code metrics}, {@code runs}
 * and {@code evaluations} (each once it has a row, and read only by a query that names it). Each
 * query gets its own child session (same SparkContext) so its views and settings never leak into
 * the caller's session.
 */
public final class Query {
  private Query() {}

  /**
   * Analyses {@code sql} against the warehouse's tables; the rows are computed when used
   * (see {@link ResultPrinter}).
   *
   * @throws MetricsError if the warehouse has no tables yet or the SQL is invalid
   */
  public static Dataset<Row> run(SparkSession spark, Warehouse warehouse, String sql) {
    boolean hasMetrics = hasTable(warehouse, "metrics");
    boolean hasRuns = hasTable(warehouse, "runs");
    boolean hasEvaluations = hasTable(warehouse, "evaluations");
    if (!hasMetrics && !hasRuns && !hasEvaluations) throw noRuns(warehouse);
    SparkSession session = spark.newSession();
    // Run ids such as 007 or 1e3 must stay strings, not become numbers.
    session.conf().set("spark.sql.sources.partitionColumnTypeInference.enabled", "false");
    if (hasMetrics && names(sql, "metrics")) register(session, warehouse.metricsTable(), "metrics");
    if (hasRuns && names(sql, "runs")) register(session, warehouse.runsTable(), "runs");
    if (hasEvaluations && names(sql, "evaluations")) register(session, EvaluationsTable.path(warehouse), "evaluations");
    try {
      return session.sql(sql);
    } catch (Exception e) {
      throw failure(e);
    }
  }

  private static MetricsError noRuns(Warehouse w) {
    return new MetricsError("no runs in warehouse " + w + " yet: run ./submit train first (or pass --warehouse)");
  }

  /**
   * Whether the warehouse's table of that view has rows, as {@link #hasTable}; a warehouse with
   * no table at all is refused, as {@link #run} refuses it.
   */
  public static boolean hasTableOfAny(Warehouse w, String view) {
    if (!hasTable(w, "metrics") && !hasTable(w, "runs") && !hasTable(w, "evaluations")) throw noRuns(w);
    return hasTable(w, view);
  }

  /** Whether the warehouse's table of that view ("metrics", "runs" or "evaluations") has rows: a query may name it. */
  public static boolean hasTable(Warehouse w, String view) {
    return switch (view) {
      case "metrics" -> TablePaths.hasData(w.fs(), w.metricsTable());
      case "runs" -> TablePaths.hasData(w.fs(), w.runsTable());
      case "evaluations" -> TablePaths.hasData(w.fs(), EvaluationsTable.path(w), EvaluationsTable.PARTITION_KEY);
      default -> throw new IllegalArgumentException("no table " + view);
    };
  }

  /**
   * Whether sql may name the view: the word appears in it, in any case. A table is read (its
   * files listed, their schemas merged in a Spark job) only for a query that may use it; a word
   * that is not the table (a column, a string) costs only that reading.
   */
  static boolean names(String sql, String view) {
    return Pattern.compile("\\b" + view + "\\b", Pattern.CASE_INSENSITIVE).matcher(sql).find();
  }

  private static void register(SparkSession session, Path table, String view) {
    String path = table.toString();
    try {
      session.read()
          .option("basePath", path)   // run_id=... (evaluation_id=...) directories become that column
          .option("mergeSchema", "true")  // runs may record different settings
          .parquet(path)
          .createOrReplaceTempView(view);
    } catch (Exception e) {
      if (!(e instanceof SparkThrowable)) throw e;
      if (ioFailure(e)) throw new IllegalStateException("query failed: " + whatFailed(e), e);
      throw new MetricsError("cannot read table " + view + " in " + table + ": "
          + firstLine(e) + "; check that no foreign files were put there", e);
    }
  }

  /**
   * A failure of the user's SQL ({@link UsersSql}) as a one-line MetricsError; every other failure
   * (a file that cannot be read, a lost executor, Spark's internal errors) is not the SQL's: it is
   * reported as an internal error that says what failed ({@link #whatFailed}).
   */
  public static RuntimeException failure(Exception e) {
    Throwable sql = UsersSql.error(e);
    if (sql != null) {
      return new MetricsError("query failed: " + firstLine(sql) + "; tables are metrics, runs and evaluations", e);
    }
    return new IllegalStateException("query failed: " + whatFailed(e), e);
  }

  private static final Pattern FILE = Pattern.compile("while reading file (\\S+?)\\.?(\\s|$)");
  private static final Pattern LOST = Pattern.compile("ExecutorLostFailure \\(executor (\\S+) exited[^)]*\\) Reason: ([^\\n]*)");

  /**
   * What failed under a query, in its words: the file (and the table it belongs to) that could
   * not be read and why, the executor lost with Spark's reason, or else Spark's first line.
   */
  static String whatFailed(Throwable e) {
    Throwable reading = null;
    String file = null;
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      String message = String.valueOf(t.getMessage());
      Matcher lost = LOST.matcher(message);
      if (lost.find()) return "executor " + lost.group(1) + " was lost while it ran a task of the query (" + lost.group(2).strip() + ")";
      Matcher f = FILE.matcher(message);
      if (f.find()) {  // the deepest mention: Spark repeats it in the job's failure
        reading = t;
        file = f.group(1);
      }
    }
    if (file == null) return firstLine(e);
    Throwable why = reading.getCause() != null ? reading.getCause() : reading;
    return "cannot read file " + file + tableOf(file) + ": " + why.getClass().getSimpleName() + ": " + firstLine(why);
  }

  /** " of table NAME" for a file under a warehouse's tables/NAME folder, else "". */
  private static String tableOf(String file) {
    Matcher m = Pattern.compile("/tables/([a-z]+)/").matcher(file);
    return m.find() ? " of table " + m.group(1) : "";
  }

  /** Whether an I/O error is behind e (a checksum, a permission, a lost data node): not a foreign file's content. */
  private static boolean ioFailure(Throwable e) { return Causes.first(e, t -> t instanceof java.io.IOException) != null; }

  private static String firstLine(Throwable e) {
    String message = String.valueOf(e.getMessage()).strip();
    int end = message.indexOf('\n');
    return (end < 0 ? message : message.substring(0, end)).strip();
  }
}
