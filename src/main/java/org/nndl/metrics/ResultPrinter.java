package org.nndl.metrics;

import java.io.PrintStream;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** Computes a query's rows and prints them; the rows are collected to the driver. */
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
    format.formatter().write(rows.schema(), collected, out);
    out.flush();
  }
}
