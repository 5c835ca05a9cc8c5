package org.nndl.data;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.function.IntBinaryOperator;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StringType;
import org.apache.spark.sql.types.StructType;
import scala.Tuple2;

/**
 * A DataFrame's rows as the trainer's blocks: a label column of class indices and either one
 * vector column or a list of numeric columns as the features. Two passes over the rows, both on
 * the executors: the first checks every row (a missing value, NaN or infinity, vectors of another
 * size, a label that is not a class index) and counts each partition's rows; the driver then
 * reports the first bad row in one line, or numbers the rows; the second cuts them into blocks
 * (each stored as compactly as its values allow, {@link Block#of}) spread over contiguous
 * partitions, as {@link DistributedIdx} does for IDX files.
 */
public final class FrameReader {
  /** Labels are kept as one byte. */
  public static final int MAX_CLASSES = 256;

  private FrameReader() {}

  /**
   * The columns to read: the label and either one vector column ({@code features}) or, when that is
   * null, the numeric columns {@code numeric} in order; {@code option} names the settings that
   * choose them, for messages (e.g. "--features-col" or "featuresCol").
   */
  public record Columns(String label, String features, List<String> numeric, String labelOption, String featuresOption)
      implements Serializable {
    public static Columns vector(String label, String features, String labelOption, String featuresOption) {
      return new Columns(label, features, null, labelOption, featuresOption);
    }

    /**
     * Every numeric or text column but the label, in order: the features of a CSV file without a
     * vector column. Text is parsed row by row (a CSV column with one stray word is read as text),
     * so the first value that is no number is named with its row.
     */
    public static Columns allNumeric(StructType schema, String label, String labelOption) {
      List<String> numeric = new ArrayList<>();
      for (var f : schema.fields()) {
        if (!f.name().equals(label) && (f.dataType() instanceof NumericType || f.dataType() instanceof StringType)) numeric.add(f.name());
      }
      return new Columns(label, null, numeric, labelOption, "the numeric columns");
    }

    int width() { return features != null ? -1 : numeric.size(); }

    String featureName(int index) { return features != null ? features : numeric.get(index); }
  }

  /**
   * Reads and checks a frame's rows, in their order.
   *
   * @param scale what each feature value is multiplied by (1 / --input-scale)
   * @param classes the number of output neurons labels must fit (0: any class index below {@link #MAX_CLASSES})
   * @param blockSize the block size for n rows over the partitions
   * @param name the set's name in messages ("training", "test")
   * @throws DataError naming the column and the first bad row
   */
  public static DistributedSet load(org.apache.spark.sql.Dataset<Row> frame, Columns cols, double scale, int classes,
      int partitions, IntBinaryOperator blockSize, String name) {
    JavaRDD<Row> rows = select(frame, cols, name).javaRDD();
    Checked checked = check(rows, cols, classes, name);
    int[] offset = checked.offset;
    int n = offset[offset.length - 1];
    int[] shape = shape(Math.max(checked.width, 0));
    int size = blockSize.applyAsInt(n, partitions);
    int[] firstBlock = DistributedIdx.firstBlocks((n + size - 1) / size, partitions);
    int[] firstSample = new int[firstBlock.length];
    for (int p = 0; p < firstBlock.length; p++) firstSample[p] = (int) Math.min(n, (long) firstBlock[p] * size);
    if (n == 0) return new DistributedSet(JavaSparkContext.fromSparkContext(rows.context()).emptyRDD(), firstSample, shape[0], shape[1], 0);
    JavaRDD<Block> blocks = rows.mapPartitionsWithIndex((q, it) -> pieces(it, offset[q], size, shape, cols, scale), true)
        .mapToPair(b -> new Tuple2<>(b.first(), b))
        .repartitionAndSortWithinPartitions(new ContiguousPartitioner(firstSample))
        .values()
        .mapPartitions(it -> joined(it, size));
    return new DistributedSet(blocks, firstSample, shape[0], shape[1], n);
  }

  /**
   * Checks every row of a frame without reading it into blocks: for a frame that is split
   * afterwards (a held-out fraction, validation rows), so that the first bad row is named by its
   * place in the whole frame, where the user can find it.
   *
   * @throws DataError naming the column and the first bad row
   */
  public static void check(org.apache.spark.sql.Dataset<Row> frame, Columns cols, int classes, String name) {
    check(select(frame, cols, name).javaRDD(), cols, classes, name);
  }

  /** Each partition's first row (offset, one more entry for the total) and the features' width. */
  private record Checked(int[] offset, int width) {}

  /** One job over the rows: counts and widths, or the first bad row named. */
  private static Checked check(JavaRDD<Row> rows, Columns cols, int classes, String name) {
    int limit = classes > 0 ? Math.min(classes, MAX_CLASSES) : MAX_CLASSES;
    List<Check> checks = new ArrayList<>(rows.mapPartitionsWithIndex((q, it) -> List.of(Check.of(q, it, cols, limit)).iterator(), true)
        .collect());
    checks.sort((a, b) -> Integer.compare(a.partition, b.partition));
    int[] offset = new int[checks.size() + 1];
    int width = -1;
    for (int q = 0; q < checks.size(); q++) {
      Check c = checks.get(q);
      offset[q + 1] = Math.addExact(offset[q], c.count);
      if (width < 0) width = c.width;
      boolean otherSize = c.width >= 0 && c.width != width;  // then the partition's first good row is the first bad one
      if (otherSize || c.badRow >= 0) {
        int row = offset[q] + (otherSize ? c.firstGood : c.badRow);
        String column = otherSize ? cols.features : c.badColumn;
        throw new DataError("the " + name + " data's column '" + column + "', row " + row + " (counting from 0): "
            + (otherSize ? sizeMessage(c.width, width) : c.badWhat));
      }
    }
    return new Checked(offset, width);
  }

  /** The label and feature columns, each checked to exist and to hold numbers (or vectors). */
  private static org.apache.spark.sql.Dataset<Row> select(org.apache.spark.sql.Dataset<Row> frame, Columns cols, String name) {
    checkColumns(frame.schema(), cols, name);
    List<Column> picked = new ArrayList<>();
    picked.add(functions.col(cols.label));
    if (cols.features != null) picked.add(functions.col(cols.features));
    else for (String c : cols.numeric) picked.add(functions.col(c));
    return frame.select(picked.toArray(Column[]::new));
  }

  /**
   * The label and feature columns checked to exist and to hold numbers (or vectors, or text to
   * parse row by row), before any job.
   *
   * @throws DataError naming the column
   */
  public static void checkColumns(StructType schema, Columns cols, String name) {
    column(schema, cols.label, cols.labelOption, name);
    checkNumeric(schema, cols.label, name);
    if (cols.features != null) {
      DataType type = schema.apply(column(schema, cols.features, cols.featuresOption, name)).dataType();
      if (!type.equals(SQLDataTypes.VectorType())) {
        throw new DataError("the " + name + " data's column '" + cols.features + "' holds " + type.simpleString()
            + ", not vectors: assemble the features with VectorAssembler, or name the vector column with " + cols.featuresOption);
      }
      return;
    }
    if (cols.numeric.isEmpty()) throw new DataError("the " + name + " data has no numeric column besides the label '" + cols.label + "' to use as features");
    for (String c : cols.numeric) {
      if (!(schema.apply(column(schema, c, cols.featuresOption, name)).dataType() instanceof StringType)) checkNumeric(schema, c, name);
    }
  }

  private static String column(StructType schema, String column, String option, String name) {
    if (!Arrays.asList(schema.fieldNames()).contains(column)) {
      String[] names = schema.fieldNames();
      String shown = String.join(", ", Arrays.copyOf(names, Math.min(names.length, 8)))
          + (names.length > 8 ? " and " + (names.length - 8) + " more" : "");
      throw new DataError("the " + name + " data has no column '" + column + "' (its columns: " + shown
          + "): name the right one with " + option);
    }
    return column;
  }

  private static void checkNumeric(StructType schema, String column, String name) {
    DataType type = schema.apply(column).dataType();
    if (!(type instanceof NumericType)) {
      throw new DataError("the " + name + " data's column '" + column + "' holds " + type.simpleString()
          + ", not numbers: convert it (cast, or StringIndexer for labels) or drop it");
    }
  }

  private static String sizeMessage(int width, int first) {
    return "a vector of " + width + " values where row 0 has " + first + ": every row needs the same number of features";
  }

  /** rows x cols of a sample: square when the width is a square (MNIST's 784 = 28x28, so --expand can shift), else one row. */
  static int[] shape(int width) {
    int side = (int) Math.round(Math.sqrt(width));
    return side * side == width ? new int[] {side, side} : new int[] {1, width};
  }

  /** One partition's row count, vector width and first bad row (local numbering), found on an executor. */
  static final class Check implements Serializable {
    int partition;
    int count;
    int width = -1;
    int firstGood = -1;
    int badRow = -1;
    String badColumn;
    String badWhat;

    static Check of(int partition, Iterator<Row> rows, Columns cols, int classes) {
      Check c = new Check();
      c.partition = partition;
      for (; rows.hasNext(); c.count++) {
        Row row = rows.next();
        if (c.badRow >= 0) continue;
        String label = labelProblem(row.get(0), classes);
        if (label != null) {
          c.bad(cols.label, label);
          continue;
        }
        int text = firstNonNumber(row, cols);
        if (text >= 0) {
          c.bad(cols.featureName(text), "'" + row.getString(text + 1) + "' is not a number: correct the value, or drop the column");
          continue;
        }
        double[] x = values(row, cols);
        if (x == null) {
          c.bad(cols.featureName(0), "no features (null): fill or drop the row");
          continue;
        }
        if (c.width < 0) {
          c.width = x.length;
          c.firstGood = c.count;
        }
        if (x.length != c.width) {
          c.bad(cols.features, sizeMessage(x.length, c.width));
          continue;
        }
        for (int j = 0; j < x.length; j++) {
          if (!Double.isFinite(x[j])) {
            c.bad(cols.featureName(j), (cols.features != null ? "value " + j + " is " : "the value is ") + valueText(row, cols, j, x[j])
                + ": every feature must be a finite number");
            break;
          }
        }
      }
      return c;
    }

    private void bad(String column, String what) {
      badRow = count;
      badColumn = column;
      badWhat = what;
    }

    private static String valueText(Row row, Columns cols, int j, double v) {
      return cols.features == null && row.isNullAt(j + 1) ? "missing (null)" : String.valueOf(v);
    }
  }

  /** Why a label is not a class index below classes, or null when it is one. */
  static String labelProblem(Object value, int classes) {
    if (value == null) return "the label is missing (null)";
    double v = ((Number) value).doubleValue();
    if (v >= 0 && v < classes && v == Math.rint(v)) return null;
    String range = "[0, " + classes + ")";
    return "label " + value + " is not a whole number in " + range
        + (classes == MAX_CLASSES ? " (labels are class indices; StringIndexer makes them)" : ": the output layer has " + classes
            + " neurons, one per class");
  }

  /** The first text feature of the row that does not parse as a number, or -1. */
  static int firstNonNumber(Row row, Columns cols) {
    if (cols.features != null) return -1;
    for (int j = 0; j < cols.numeric.size(); j++) {
      if (row.get(j + 1) instanceof String s && number(s) == null) return j;
    }
    return -1;
  }

  /** A text value as a number (Java's syntax, as Spark's CSV reader infers doubles), or null. */
  private static Double number(String s) {
    try {
      return Double.valueOf(s.strip());
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /** The row's feature values; null when the vector is missing. NaN stands for a missing numeric value. */
  static double[] values(Row row, Columns cols) {
    if (cols.features != null) {
      Vector v = (Vector) row.get(1);
      return v == null ? null : v.toArray();
    }
    double[] x = new double[cols.numeric.size()];
    for (int j = 0; j < x.length; j++) {
      Object v = row.get(j + 1);
      x[j] = v == null ? Double.NaN : v instanceof String s ? number(s) : ((Number) v).doubleValue();
    }
    return x;
  }

  /** A partition's rows (global numbering from first) cut at block boundaries. */
  private static Iterator<Block> pieces(Iterator<Row> rows, int first, int blockSize, int[] shape,
      Columns cols, double scale) {
    List<Block> out = new ArrayList<>();
    int width = shape[0] * shape[1];
    int start = first, i = first;
    double[] values = null;
    byte[] labels = null;
    while (rows.hasNext()) {
      Row row = rows.next();
      if (values == null) {
        int end = Math.min((i / blockSize + 1) * blockSize, Integer.MAX_VALUE);
        int room = end - i;
        values = new double[room * width];
        labels = new byte[room];
        start = i;
      }
      System.arraycopy(values(row, cols), 0, values, (i - start) * width, width);
      labels[i - start] = (byte) ((Number) row.get(0)).intValue();
      i++;
      if (i % blockSize == 0) {
        out.add(Block.of(start, i - start, shape[0], shape[1], values, scale, labels));
        values = null;
      }
    }
    if (values != null) {
      int count = i - start;
      out.add(Block.of(start, count, shape[0], shape[1], Arrays.copyOf(values, count * width), scale, Arrays.copyOf(labels, count)));
    }
    return out.iterator();
  }

  /** Pieces sorted by their first sample, those of one block (split between two source partitions) joined. */
  private static Iterator<Block> joined(Iterator<Block> pieces, int blockSize) {
    List<Block> out = new ArrayList<>();
    List<Block> pending = new ArrayList<>();
    while (pieces.hasNext()) {
      Block b = pieces.next();
      if (!pending.isEmpty() && pending.get(0).first() / blockSize != b.first() / blockSize) {
        out.add(Block.join(pending));
        pending.clear();
      }
      pending.add(b);
    }
    if (!pending.isEmpty()) out.add(Block.join(pending));
    return out.iterator();
  }
}
