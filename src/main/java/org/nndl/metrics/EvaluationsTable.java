package org.nndl.metrics;

import java.io.PrintStream;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;

/**
 * The {@code evaluations} table: one row per {@code ./submit evaluate}, stored as Parquet under
 * {@code ROOT/tables/evaluations/evaluation_id=ID/} with columns {@code evaluated_at TIMESTAMP,
 * model, data, split, sizes, cost_function STRING, n, correct BIGINT, accuracy, cost DOUBLE,
 * confusion ARRAY<ARRAY<BIGINT>>}, plus {@code evaluation_id} (string, from the directory).
 *
 * <p>The confusion matrix is one nested array, {@code confusion[t][p]} = images of true label t
 * predicted as p: in SQL a cell reads as in the book ({@code confusion[3][5]}), a row's recall is
 * {@code confusion[d][d] / aggregate(confusion[d], 0L, (a, x) -> a + x)}, {@code posexplode}
 * turns it into one row per true label, and it fits a model with any number of outputs. 100
 * columns would make every row sum a 10-term expression and tie the table to ten digits.
 */
public final class EvaluationsTable {
  static final String PARTITION_KEY = "evaluation_id";
  static final DataType CONFUSION = DataTypes.createArrayType(DataTypes.createArrayType(DataTypes.LongType, false), false);

  private final Warehouse warehouse;

  public EvaluationsTable(Warehouse warehouse) { this.warehouse = warehouse; }

  /** The table's root folder. */
  public static Path path(Warehouse warehouse) { return warehouse.evaluationsTable(); }

  /** Appends one evaluation as a single small Parquet file in its own partition. */
  public void append(SparkSession spark, Evaluation e) {
    columns(new OneRow(), e).appendTo(spark.sparkContext(), new Path(path(warehouse), PARTITION_KEY + "=" + Warehouse.checkRunId(e.id())));
  }

  /** Prints the row as {@code SELECT * FROM evaluations} shows it (evaluation_id first), with no Spark job. */
  public static void print(Evaluation e, ResultFormat format, PrintStream out) {
    OneRow row = columns(new OneRow().add(PARTITION_KEY, DataTypes.StringType, e.id()), e);
    ResultPrinter.print(row.schema(), List.of(row.toRow()), format, out);
  }

  /** The stored columns of an evaluation, in table order, added to {@code row}. */
  private static OneRow columns(OneRow row, Evaluation e) {
    return row
        .add("evaluated_at", DataTypes.TimestampType, Timestamp.from(e.at()))
        .add("model", DataTypes.StringType, e.model())
        .add("data", DataTypes.StringType, e.data())
        .add("split", DataTypes.StringType, e.split())
        .add("sizes", DataTypes.StringType, e.sizes())
        .add("cost_function", DataTypes.StringType, e.costFunction())
        .add("n", DataTypes.LongType, e.n())
        .add("correct", DataTypes.LongType, e.correct())
        .add("accuracy", DataTypes.DoubleType, e.accuracy())
        .add("cost", DataTypes.DoubleType, e.cost())
        .add("confusion", CONFUSION, matrix(e.confusion()));
  }

  private static List<List<Long>> matrix(long[][] counts) {
    List<List<Long>> rows = new ArrayList<>();
    for (long[] r : counts) {
      List<Long> row = new ArrayList<>();
      for (long c : r) row.add(c);
      rows.add(row);
    }
    return rows;
  }
}
