package org.nndl.ml;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.nndl.SparkTestSession;
import org.nndl.data.Frames;
import org.nndl.net.Layout;
import org.nndl.net.NumpyVectors;

/** Spark's words and ranges: refusals name params, not flags; non-finite values refused when set; any long seed. */
class SparkWordsTest {
  /** Four rows of three features, labels 0 and 1. */
  private static Dataset<Row> tiny() {
    SparkSession spark = SparkTestSession.get();
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < 4; i++) rows.add(RowFactory.create((double) (i % 2), Vectors.dense(i, 1 - i * 0.25, 0.5)));
    return spark.createDataFrame(JavaSparkContext.fromSparkContext(spark.sparkContext()).parallelize(rows, 1), Frames.schema());
  }

  private static String refusal(NetworkClassifier clf) {
    String m = assertThrows(IllegalArgumentException.class, () -> clf.fit(tiny())).getMessage();
    assertEquals(1, m.lines().count(), m);
    assertFalse(m.contains("--"), "a command-line flag in: " + m);
    return m;
  }

  @Test void paramsThatCannotGoTogetherAreRefusedByFitNamingTheParams() {
    assertEquals("momentum 0.9 needs syncEvery exact (not 4): the velocity lives on the driver and is updated every"
        + " mini-batch", refusal(new NetworkClassifier().setValidationFraction(0).setMomentum(0.9).setSyncEvery("4")));
    assertEquals("dropout 0.5 needs a hidden layer to drop neurons from: set hiddenLayers to one or more sizes",
        refusal(new NetworkClassifier().setValidationFraction(0).setDropout(0.5).setHiddenLayers()));
    assertEquals("cost cross-entropy needs outputs in (0,1) but a relu output layer gives values outside it (ln a or"
        + " ln(1-a) is undefined, so NaN): set output sigmoid or softmax, or cost quadratic (output is empty: the"
        + " activation's, relu)", refusal(new NetworkClassifier().setValidationFraction(0).setActivation("relu")));
    assertEquals("cost log-likelihood needs outputs in (0,1) but a tanh output layer gives values outside it (ln a or"
        + " ln(1-a) is undefined, so NaN): set output sigmoid or softmax, or cost quadratic",
        refusal(new NetworkClassifier().setValidationFraction(0).setOutput("tanh").setCost("log-likelihood")));
  }

  @Test void settersRefuseNaNAndTheInfinitiesNamingTheParam() {
    NetworkClassifier clf = new NetworkClassifier().setValidationFraction(0);
    NetworkClassificationModel model = NetworkClassificationModel.fromNetwork2Json("{\"sizes\":[1,2],\"weights\":[[[0.0],[0.0]]],"
        + "\"biases\":[[[0.0],[0.0]]],\"cost\":\"CrossEntropyCost\"}");
    List<String[]> refused = new ArrayList<>();
    for (double bad : new double[] {Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NaN}) {
      refuses("stepSize", bad, clf::setStepSize, refused);
      refuses("regParam", bad, clf::setRegParam, refused);
      refuses("inputScale", bad, clf::setInputScale, refused);
      refuses("inputScale", bad, model::setInputScale, refused);
    }
    assertEquals(12, refused.size(), "refused: " + refused.stream().map(Arrays::toString).toList());
    assertEquals(0.5, clf.getStepSize());  // nothing was set
    assertEquals(1e300, clf.setRegParam(1e300).getRegParam());  // a finite value is taken, however large
  }

  private static void refuses(String name, double bad, Consumer<Double> setter, List<String[]> refused) {
    try {
      setter.accept(bad);
    } catch (IllegalArgumentException e) {
      assertTrue(e.getMessage().contains(name), e.getMessage());
      refused.add(new String[] {name, String.valueOf(bad)});
    }
  }

  /**
   * Any long seed s is numpy's default_rng(s mod 2^64): the initial network of seed -1 is what real
   * numpy draws for 2^64 - 1, of Long.MIN_VALUE + 12345 what it draws for 2^63 + 12345, and a
   * non-negative seed (3) is what it was. The large initializer draws N(0, 1) for every bias then
   * every weight; an epoch at the smallest step size leaves every one of them as drawn.
   */
  @Test void anyLongSeedIsNumpysSeedModuloTwoToTheSixtyFour() {
    Layout layout = new Layout(3, 4, 2);
    int checked = 0;
    for (String[] t : NumpyVectors.lines("normal")) {
      long seed = NumpyVectors.seed(t[0]);
      if (seed >= 0 && seed != 3) continue;
      NetworkClassificationModel model = new NetworkClassifier().setValidationFraction(0).setHiddenLayers(4).setInit("large").setStepSize(Double.MIN_VALUE)
          .setRegParam(0).setMaxIter(1).setSeed(seed).fit(tiny());
      double[] numpy = NumpyVectors.doubles(t, 1, 1 + layout.parameterCount());
      assertArrayEquals(numpy, NumpyVectors.drawOrder(layout, model.weights()), "seed " + seed + " = numpy's " + t[0]);
      assertEquals(seed, model.getSeed());
      checked++;
    }
    assertEquals(3, checked, "seeds -1, Long.MIN_VALUE + 12345 and 3");
  }
}
