package org.nndl.metrics;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.execution.QueryExecution;
import org.apache.spark.sql.execution.SQLExecution;
import org.apache.spark.sql.types.StructType;
import org.nndl.compat.Classic;
import scala.Option;

/** Prints rows in a {@link ResultFormat}: a query's (collected to the driver) or rows a command made. */
public final class ResultPrinter {
  private ResultPrinter() {}

  /**
   * @throws MetricsError if computing the rows fails because of the SQL (e.g. division by
   *     zero under ANSI mode), with Spark's first message line
   */
  public static void print(Dataset<Row> rows, ResultFormat format, PrintStream out) {
    List<Row> collected;
    try {
      collected = collect(rows);
    } catch (Exception e) {
      throw Query.failure(e);
    }
    print(rows.schema(), collected, format, out);
  }

  /**
   * The rows as {@code collectAsList} gives them, converted as Spark's SQL shell converts a
   * query's rows ({@code executeCollectPublic}) rather than by the row encoder, whose generated
   * code starts Scala's runtime reflection: about 0.7 s of a query's start (docs/speed.md).
   */
  static List<Row> collect(Dataset<Row> rows) {
    QueryExecution qe = Classic.queryExecution(rows);
    return Arrays.asList(SQLExecution.withNewExecutionId(qe, Option.apply("collect"), () -> qe.executedPlan().executeCollectPublic()));
  }

  /** Prints rows already at hand (no Spark job): what commands that compute their own results share. */
  public static void print(StructType schema, List<Row> rows, ResultFormat format, PrintStream out) {
    format.formatter().write(schema, rows, out);
    out.flush();
  }
}
