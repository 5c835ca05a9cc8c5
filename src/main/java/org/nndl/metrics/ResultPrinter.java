package org.nndl.metrics;

import java.io.PrintStream;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;

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
      collected = rows.collectAsList();
    } catch (Exception e) {
      throw Query.failure(e);
    }
    print(rows.schema(), collected, format, out);
  }

  /** Prints rows already at hand (no Spark job): what commands that compute their own results share. */
  public static void print(StructType schema, List<Row> rows, ResultFormat format, PrintStream out) {
    format.formatter().write(schema, rows, out);
    out.flush();
  }
}
