package org.nndl.cli;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.nndl.metrics.Evaluation;
import org.nndl.metrics.EvaluationsTable;
import org.nndl.metrics.ResultFormat;
import org.nndl.metrics.ResultPrinter;

/**
 * What {@code evaluate} prints: for people, accuracy and cost, then the confusion matrix with row
 * and column totals; for programs (csv, json), the row stored in the evaluations table.
 */
final class EvaluationOutput {
  private EvaluationOutput() {}

  static void print(Evaluation e, ResultFormat format, PrintStream out) {
    if (format != ResultFormat.TABLE) {
      EvaluationsTable.print(e, format, out);
      return;
    }
    out.println("model    " + e.model() + " (" + e.sizes() + ")");
    out.println("data     " + e.data() + ", " + e.split() + " split, " + e.n() + " images");
    out.println(String.format(Locale.ROOT, "accuracy %.2f%% (%d of %d right)", 100 * e.accuracy(), e.correct(), e.n()));
    out.println(String.format(Locale.ROOT, "cost     %.6f (mean %s, no L2 term)", e.cost(), e.costFunction()));
    out.println();
    out.println("confusion matrix: rows = true digit, columns = predicted digit");
    ResultPrinter.print(schema(e.confusion().length), rows(e.confusion()), ResultFormat.TABLE, out);
  }

  private static StructType schema(int outputs) {
    StructType s = new StructType().add("true", DataTypes.StringType);
    for (int p = 0; p < outputs; p++) s = s.add(String.valueOf(p), DataTypes.LongType);
    return s.add("total", DataTypes.LongType);
  }

  /** One row per true label with its total, then the column totals. */
  private static List<Row> rows(long[][] m) {
    List<Row> rows = new ArrayList<>();
    long[] columns = new long[m.length];
    long all = 0;
    for (int t = 0; t < m.length; t++) {
      Object[] cells = new Object[m.length + 2];
      cells[0] = String.valueOf(t);
      long total = 0;
      for (int p = 0; p < m.length; p++) {
        cells[p + 1] = m[t][p];
        total += m[t][p];
        columns[p] += m[t][p];
      }
      cells[m.length + 1] = total;
      all += total;
      rows.add(RowFactory.create(cells));
    }
    Object[] last = new Object[m.length + 2];
    last[0] = "total";
    for (int p = 0; p < m.length; p++) last[p + 1] = columns[p];
    last[m.length + 1] = all;
    rows.add(RowFactory.create(last));
    return rows;
  }
}
