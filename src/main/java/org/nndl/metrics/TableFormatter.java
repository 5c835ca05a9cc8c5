package org.nndl.metrics;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StructType;

/**
 * Aligned columns: a header, a dashed separator, then one line per row. Every line has the
 * same width; numeric columns are right-aligned so digits line up.
 */
final class TableFormatter implements RowsFormatter {
  private static final String GAP = "  ";

  @Override
  public void write(StructType schema, List<Row> rows, PrintStream out) {
    int n = schema.fields().length;
    boolean[] right = new boolean[n];
    int[] width = new int[n];
    String[] header = schema.fieldNames();
    for (int c = 0; c < n; c++) {
      right[c] = schema.fields()[c].dataType() instanceof NumericType;
      width[c] = header[c].length();
    }
    List<String[]> cells = new ArrayList<>(rows.size());
    for (Row row : rows) {
      String[] line = new String[n];
      for (int c = 0; c < n; c++) {
        line[c] = visible(Cells.compact(row.get(c)));
        width[c] = Math.max(width[c], line[c].length());
      }
      cells.add(line);
    }
    String[] dashes = new String[n];
    for (int c = 0; c < n; c++) dashes[c] = "-".repeat(width[c]);
    out.println(line(header, width, right));
    out.println(line(dashes, width, right));
    for (String[] line : cells) out.println(line(line, width, right));
  }

  private static String line(String[] cells, int[] width, boolean[] right) {
    StringBuilder b = new StringBuilder();
    for (int c = 0; c < cells.length; c++) {
      if (c > 0) b.append(GAP);
      String pad = " ".repeat(width[c] - cells[c].length());
      b.append(right[c] ? pad + cells[c] : cells[c] + pad);
    }
    return b.toString();
  }

  /** Keeps one row on one line. */
  private static String visible(String s) {
    return s.replace("\r", "\\r").replace("\n", "\\n").replace("\t", "\\t");
  }
}
