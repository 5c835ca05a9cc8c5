package org.nndl.ml;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nndl.SparkTestSession;
import org.nndl.data.Frames;
import org.nndl.net.Activation;
import org.nndl.net.Cost;
import org.nndl.net.Initializer;
import org.nndl.net.Layout;
import org.nndl.net.Network2;
import org.nndl.net.NetworkSpec;

/** transform refuses features the network cannot take, in one line naming the sizes or the value, instead of guessing. */
class TransformChecksTest {
  private static final NetworkSpec SPEC = new NetworkSpec(new Layout(784, 3, 2), Activation.SIGMOID, Cost.CROSS_ENTROPY);
  private static final String SIZE_ADVICE = " but the model's input layer takes 784: give it vectors of the size it was"
      + " trained on (a LIBSVM file read without option numFeatures has as many values as its largest index)";

  private static NetworkClassificationModel model() {
    return new NetworkClassificationModel("m", SPEC, Initializer.DEFAULT.init(SPEC.layout(), 1), null);
  }

  private static IllegalArgumentException refused(Vector v) {
    return assertThrows(IllegalArgumentException.class, () -> model().predictRaw(v));
  }

  @Test void aVectorOfAnotherSizeIsRefusedNamingBothSizes() {
    assertEquals("the column 'features' holds a vector of 700 values" + SIZE_ADVICE, refused(Vectors.zeros(700)).getMessage());
    assertEquals("the column 'features' holds a vector of 785 values" + SIZE_ADVICE, refused(Vectors.zeros(785)).getMessage());
    assertEquals("the column 'features' holds a vector of 700 values" + SIZE_ADVICE,
        refused(Vectors.sparse(700, new int[] {3}, new double[] {1})).getMessage());
    // one vector through Spark's other single-row methods, which go through predictRaw
    assertThrows(IllegalArgumentException.class, () -> model().predictProbability(Vectors.zeros(700)));
    assertThrows(IllegalArgumentException.class, () -> model().predict(Vectors.zeros(700)));
  }

  @Test void nanAndInfiniteFeaturesAreRefusedNamingTheirPlace() {
    double[] x = new double[784];
    x[3] = Double.NaN;
    assertEquals("the column 'features' holds a vector whose value 3 is NaN: every feature must be a finite number",
        refused(Vectors.dense(x)).getMessage());
    assertEquals("the column 'features' holds a vector whose value 783 is -Infinity: every feature must be a finite number",
        refused(Vectors.sparse(784, new int[] {783}, new double[] {Double.NEGATIVE_INFINITY})).getMessage());
  }

  @Test void aVectorOfTheRightSizeIsScoredByTheReference() {
    double[] x = new double[784];
    for (int i = 0; i < x.length; i++) x[i] = (i % 7) / 7.0;
    NetworkClassificationModel m = model();
    assertArrayEquals(new Network2(SPEC, m.weights()).output(x), m.predictRaw(Vectors.dense(x)).toArray());
  }

  /** In a DataFrame without size metadata the refusal comes from the task: Spark's job failure carries it as its cause. */
  @Test void transformOfAFrameOfShortVectorsFailsWithTheRefusalAsCause() {
    SparkSession spark = SparkTestSession.get();
    List<Row> rows = List.of(RowFactory.create(0.0, Vectors.zeros(784)), RowFactory.create(1.0, Vectors.zeros(700)));
    Dataset<Row> frame = spark.createDataFrame(JavaSparkContext.fromSparkContext(spark.sparkContext()).parallelize(rows, 1),
        Frames.schema());
    Exception e = assertThrows(Exception.class, () -> model().transform(frame).select("prediction").collectAsList());
    Throwable cause = e;
    while (cause != null && !(cause instanceof IllegalArgumentException)) cause = cause.getCause();
    assertEquals("the column 'features' holds a vector of 700 values" + SIZE_ADVICE, cause == null ? String.valueOf(e) : cause.getMessage());
  }

  /** A LIBSVM file read without numFeatures: its vectors' size (the largest index) is in the column's metadata, refused at once. */
  @Test void aLibsvmFrameOfAnotherWidthIsRefusedBeforeAnyTask(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("short.svm");
    Files.writeString(file, "0 1:5 700:1\n1 3:2\n");
    Dataset<Row> frame = SparkTestSession.get().read().format("libsvm").load(file.toString());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> model().transform(frame));
    assertEquals("the column 'features' holds vectors of 700 values (its metadata says so)" + SIZE_ADVICE, e.getMessage());
  }
}
