package org.nndl.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.nndl.SparkTestSession;
import org.nndl.train.TestData;

/** DataFrame rows against the IDX path's blocks (the same doubles), compact storage, and each bad row named. */
class FrameReaderTest {
  private static final FrameReader.Columns COLS = FrameReader.Columns.vector("label", "features", "labelCol", "featuresCol");

  private static SparkSession spark() { return SparkTestSession.get(); }

  private static DistributedSet load(org.apache.spark.sql.Dataset<Row> frame, double scale, int classes, int partitions, int blockSize) {
    return FrameReader.load(frame, COLS, scale, classes, partitions, (n, p) -> blockSize, "training");
  }

  @Test void pixelsFromAFrameWidenToTheIdxBlocksDoubles() {
    Dataset d = TestData.images(50, 5, 5, 3, 7);
    // 3 source partitions of 17, 17, 16 rows; blocks of 8 straddle them; 4 target partitions
    DistributedSet set = load(Frames.of(spark(), d, 3), Shift.SCALE, 3, 4, 8);
    assertEquals(5, set.rows(), "a square number of values is a square image");
    assertEquals(5, set.cols());
    assertEquals(50, set.size());
    List<Block> blocks = set.blocks().collect();
    assertEquals(7, blocks.size());
    Block idx = Block.split(d, 50).get(0);
    for (Block b : blocks) {
      assertEquals(26, b.bytesPerSample(), "one byte per pixel and one for the label");
      for (int i = b.first(); i < b.end(); i++) {
        double[] want = new double[25], got = new double[25];
        idx.widen(i, want, 0);
        b.widen(i, got, 0);
        assertArrayEquals(want, got, "sample " + i);
        assertEquals(d.label(i), b.label(i));
      }
    }
    assertEquals(List.of(0, 8, 24, 40, 50), firstSamples(set), "7 blocks over 4 partitions, as an IDX file's");
  }

  private static List<Integer> firstSamples(DistributedSet set) {
    List<Integer> l = new ArrayList<>();
    for (int f : set.firstSample()) l.add(f);
    return l;
  }

  @Test void valuesThatAreNotBytesKeepEveryBitAsFloatsOrDoubles() {
    double[][] rows = {{0.5, 2, 3}, {1e-3, 0, 0}};  // 1e-3 is no float: doubles; the halves are floats
    for (int which = 0; which < 2; which++) {
      double[] v = rows[which];
      var frame = spark().createDataFrame(List.of(RowFactory.create(1.0, Vectors.dense(v))), Frames.schema());
      Block b = load(frame, 0.5, 2, 1, 10).blocks().first();
      assertEquals(which == 0 ? 13 : 25, b.bytesPerSample());
      double[] x = new double[3];
      b.widen(0, x, 0);
      for (int j = 0; j < 3; j++) assertEquals(Double.doubleToLongBits(v[j] * 0.5), Double.doubleToLongBits(x[j]));
    }
  }

  @Test void shiftedCopiesOfFloatValuesAreThoseOfTheSameBytes() {
    Dataset d = TestData.images(3, 4, 5, 3, 11);
    double[] halves = new double[d.pixels().length];
    for (int p = 0; p < halves.length; p++) halves[p] = (d.pixels()[p] & 0xff) / 2.0;  // floats, not bytes
    Block floats = Block.of(0, 3, 4, 5, halves, 2 * Shift.SCALE, d.labels().clone()).expanded();
    Block bytes = Block.split(d, 3).get(0).expanded();
    assertEquals(4 * 5 * 4 + 1, floats.bytesPerSample());
    for (int i = 0; i < 15; i++) {
      double[] want = new double[20], got = new double[20];
      bytes.widen(i, want, 0);
      floats.widen(i, got, 0);
      assertArrayEquals(want, got, "sample " + i + " of the expanded set");
    }
  }

  /** Six rows with one problem at row 4 (in the second of two partitions): the message names it. */
  private static String refusal(Object label, double[] features) {
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      rows.add(i == 4 ? RowFactory.create(label, features == null ? null : Vectors.dense(features))
          : RowFactory.create(1.0, Vectors.dense(1, 2, 3)));
    }
    var frame = spark().createDataFrame(
        org.apache.spark.api.java.JavaSparkContext.fromSparkContext(spark().sparkContext()).parallelize(rows, 2), Frames.schema());
    return assertThrows(DataError.class, () -> load(frame, 1, 10, 2, 4)).getMessage();
  }

  @Test void theFirstBadRowIsNamedWithItsColumn() {
    assertEquals("the training data's column 'label', row 4 (counting from 0): label 10.0 is not a whole number in [0, 10):"
        + " the output layer has 10 neurons, one per class", refusal(10.0, new double[] {1, 2, 3}));
    assertEquals("the training data's column 'label', row 4 (counting from 0): label 2.5 is not a whole number in [0, 10):"
        + " the output layer has 10 neurons, one per class", refusal(2.5, new double[] {1, 2, 3}));
    assertEquals("the training data's column 'label', row 4 (counting from 0): label -1.0 is not a whole number in [0, 10):"
        + " the output layer has 10 neurons, one per class", refusal(-1.0, new double[] {1, 2, 3}));
    assertEquals("the training data's column 'features', row 4 (counting from 0): value 1 is NaN: every feature must be a"
        + " finite number", refusal(1.0, new double[] {1, Double.NaN, 3}));
    assertEquals("the training data's column 'features', row 4 (counting from 0): value 2 is Infinity: every feature must"
        + " be a finite number", refusal(1.0, new double[] {1, 2, Double.POSITIVE_INFINITY}));
    assertEquals("the training data's column 'features', row 4 (counting from 0): a vector of 2 values where row 0 has 3:"
        + " every row needs the same number of features", refusal(1.0, new double[] {1, 2}));
    assertEquals("the training data's column 'features', row 4 (counting from 0): no features (null): fill or drop the row",
        refusal(1.0, null));
  }

  @Test void aVectorSizeDifferingFromAnEarlierPartitionIsNamedAtItsRow() {
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < 6; i++) rows.add(RowFactory.create(0.0, i < 3 ? Vectors.dense(1, 2) : Vectors.dense(1, 2, 3)));
    var frame = spark().createDataFrame(
        org.apache.spark.api.java.JavaSparkContext.fromSparkContext(spark().sparkContext()).parallelize(rows, 2), Frames.schema());
    assertEquals("the training data's column 'features', row 3 (counting from 0): a vector of 3 values where row 0 has 2:"
        + " every row needs the same number of features", assertThrows(DataError.class, () -> load(frame, 1, 10, 2, 4)).getMessage());
  }

  @Test void missingAndNonNumericColumnsAreRefusedBeforeAnyJob() {
    StructType schema = new StructType().add("label", DataTypes.DoubleType).add("flag", DataTypes.BooleanType);
    var frame = spark().createDataFrame(List.of(RowFactory.create(1.0, true)), schema);
    assertEquals("the training data has no column 'features' (its columns: label, flag): name the right one with featuresCol",
        assertThrows(DataError.class, () -> load(frame, 1, 10, 1, 4)).getMessage());
    var numeric = FrameReader.Columns.allNumeric(schema, "label", "labelCol");
    var flags = new FrameReader.Columns("label", null, List.of("flag"), "labelCol", "featuresCol");
    assertEquals("the training data has no numeric column besides the label 'label' to use as features",
        assertThrows(DataError.class, () -> FrameReader.load(frame, numeric, 1, 10, 1, (n, p) -> 4, "training")).getMessage());
    assertEquals("the training data's column 'flag' holds boolean, not numbers: convert it (cast, or StringIndexer for"
        + " labels) or drop it", assertThrows(DataError.class, () -> FrameReader.load(frame, flags, 1, 10, 1, (n, p) -> 4, "training")).getMessage());
  }

  /** A CSV column with one stray word is read as text: its numbers are the features, the word is named at its row. */
  @Test void aTextValueThatIsNoNumberIsNamedAtItsRow() {
    StructType schema = new StructType().add("label", DataTypes.IntegerType).add("a", DataTypes.DoubleType)
        .add("b", DataTypes.StringType);
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < 6; i++) rows.add(RowFactory.create(1, 0.5, i == 4 ? "x7" : " 2.25"));
    var frame = spark().createDataFrame(
        org.apache.spark.api.java.JavaSparkContext.fromSparkContext(spark().sparkContext()).parallelize(rows, 2), schema);
    var cols = FrameReader.Columns.allNumeric(schema, "label", "--label-col");
    assertEquals(List.of("a", "b"), cols.numeric());
    assertEquals("the training data's column 'b', row 4 (counting from 0): 'x7' is not a number: correct the value, or drop"
        + " the column", assertThrows(DataError.class, () -> FrameReader.load(frame, cols, 1, 10, 2, (n, p) -> 4, "training"))
        .getMessage());
    Block b = FrameReader.load(frame.limit(4), cols, 1, 10, 1, (n, p) -> 4, "training").blocks().first();
    double[] x = new double[2];
    b.widen(3, x, 0);
    assertArrayEquals(new double[] {0.5, 2.25}, x);
  }

  @Test void numericColumnsAreTheFeaturesInOrderAndANullIsNamed() {
    StructType schema = new StructType().add("a", DataTypes.IntegerType).add("label", DataTypes.IntegerType)
        .add("b", DataTypes.DoubleType);
    var frame = spark().createDataFrame(List.of(RowFactory.create(7, 2, 0.25), RowFactory.create(9, 1, null)), schema);
    var cols = FrameReader.Columns.allNumeric(schema, "label", "--label-col");
    DataError e = assertThrows(DataError.class, () -> FrameReader.load(frame, cols, 1, 3, 1, (n, p) -> 4, "test"));
    assertEquals("the test data's column 'b', row 1 (counting from 0): the value is missing (null): every feature must be a"
        + " finite number", e.getMessage());
    Block b = FrameReader.load(frame.limit(1), cols, 1, 3, 1, (n, p) -> 4, "test").blocks().first();
    double[] x = new double[2];
    b.widen(0, x, 0);
    assertArrayEquals(new double[] {7, 0.25}, x);
    assertEquals(2, b.label(0));
  }
}
