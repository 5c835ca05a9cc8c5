package org.nndl.metrics;

import com.univocity.parsers.csv.CsvWriter;
import com.univocity.parsers.csv.CsvWriterSettings;
import java.io.PrintStream;
import java.io.StringWriter;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;

/**
 * CSV with a header line, quoted per RFC 4180 (fields holding commas, quotes or line breaks
 * are quoted, quotes doubled) by univocity, which Spark ships. Null is an empty field, the
 * empty string is {@code ""}; numbers keep full precision. Lines end with LF.
 */
final class CsvFormatter implements RowsFormatter {
  @Override
  public void write(StructType schema, List<Row> rows, PrintStream out) {
    CsvWriterSettings settings = new CsvWriterSettings();
    settings.getFormat().setLineSeparator("\n");
    settings.setQuoteEscapingEnabled(true);
    settings.setQuotationTriggers('\r', '\n');
    settings.setIgnoreLeadingWhitespaces(false);
    settings.setIgnoreTrailingWhitespaces(false);
    settings.setEmptyValue("\"\"");
    StringWriter text = new StringWriter();
    CsvWriter writer = new CsvWriter(text, settings);
    writer.writeHeaders(schema.fieldNames());
    for (Row row : rows) {
      Object[] values = new Object[row.length()];
      for (int c = 0; c < values.length; c++) values[c] = Cells.exact(row.get(c));
      writer.writeRow(values);
    }
    writer.close();
    out.print(text);
  }
}
