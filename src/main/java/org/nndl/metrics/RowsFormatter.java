package org.nndl.metrics;

import java.io.PrintStream;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;

/** Writes collected query rows in one {@link ResultFormat}. */
interface RowsFormatter {
  void write(StructType schema, List<Row> rows, PrintStream out);
}
