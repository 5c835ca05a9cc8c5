package org.nndl.ml;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nndl.SparkTestSession;
import org.nndl.cache.TrainingSets;
import org.nndl.data.DataSource;
import org.nndl.data.Frames;
import org.nndl.data.Shift;
import org.nndl.data.TrainTest;
import org.nndl.net.Network2;
import org.nndl.train.TrainSettings;
import org.nndl.train.TrainState;
import org.nndl.train.Trainer;

/** fit against the command line's trainer on the same samples (bit for bit), the model against the reference network. */
class NetworkClassifierTest {
  private static final int N = 300;

  private static SparkSession spark() { return SparkTestSession.get(); }

  private static TrainTest digits() { return DataSource.load(DataSource.SAMPLE, null, N, 50); }

  @Test void fitOnADataFrameGivesTheCliTrainersParametersBitForBit() {
    NetworkClassifier clf = new NetworkClassifier().setHiddenLayers(20).setMaxIter(2).setSeed(5).setStepSize(1.0)
        .setInputScale(255);
    NetworkClassificationModel model = clf.fit(Frames.of(spark(), digits().train(), 3));
    // what ./submit train --data sample --train-limit 300 --sizes 784,20,10 --epochs 2 --eta 1 --seed 5 runs
    TrainSettings s = TrainSettings.builder().data(DataSource.SAMPLE).sizes(784, 20, 10).epochs(2).eta(1.0).seed(5)
        .trainLimit(N).testLimit(50).partitions(2).build().validate();
    JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark().sparkContext());
    double[] cli;
    try (TrainingSets sets = TrainingSets.open(sc, s, null)) {
      cli = new Trainer(sc, s).run(sets, TrainState.start(s.init().init(s.spec().layout(), 5), 1.0), () -> false, (m, st) -> {})
          .params();
    }
    assertArrayEquals(cli, model.weights());
    assertEquals(784, model.numFeatures());
    assertEquals(10, model.numClasses());
    assertEquals(2, model.summary().metrics().count());
    assertEquals(List.of("epoch", "train_seconds", "test_accuracy", "test_cost", "train_accuracy", "train_cost",
        "validation_accuracy", "validation_cost", "epoch_eta"), List.of(model.summary().metrics().columns()));
  }

  @Test void transformGivesTheReferenceNetworksOutputsProbabilitiesAndArgmax() {
    TrainTest d = digits();
    NetworkClassificationModel model = new NetworkClassifier().setHiddenLayers(10).setMaxIter(1).setInputScale(255)
        .setOutput("softmax").setCost("log-likelihood").fit(Frames.of(spark(), d.train(), 2));
    List<Row> rows = model.transform(Frames.of(spark(), d.test(), 2)).select("rawPrediction", "probability", "prediction").collectAsList();
    Network2 reference = new Network2(model.spec(), model.weights());
    for (int i = 0; i < rows.size(); i++) {
      double[] x = new double[784];
      for (int p = 0; p < 784; p++) x[p] = (d.test().pixels()[i * 784 + p] & 0xff) * Shift.SCALE;
      double[] out = reference.output(x);
      assertArrayEquals(out, ((Vector) rows.get(i).get(0)).toArray(), "raw prediction of test image " + i);
      assertArrayEquals(out, ((Vector) rows.get(i).get(1)).toArray(), "softmax outputs are the probabilities");
      int best = 0;
      for (int j = 1; j < out.length; j++) if (out[j] > out[best]) best = j;
      assertEquals(best, rows.get(i).getDouble(2), "prediction of test image " + i);
    }
  }

  @Test void sigmoidOutputsAreScaledToSumOne() {
    var model = NetworkClassificationModel.fromNetwork2Json("{\"sizes\":[1,2],\"weights\":[[[0.0],[0.0]]],"
        + "\"biases\":[[[0.0],[1.0986122886681098]]],\"cost\":\"CrossEntropyCost\"}");
    Vector p = model.raw2probability(model.predictRaw(org.apache.spark.ml.linalg.Vectors.dense(3)));
    assertArrayEquals(new double[] {0.5 / (0.5 + 0.75), 0.75 / (0.5 + 0.75)}, p.toArray(), 1e-15);  // sigmoid(ln 3) = 0.75
  }

  @Test void saveAndLoadKeepParamsAndWeightsAsBits(@TempDir Path dir) throws Exception {
    NetworkClassifier clf = new NetworkClassifier().setStepSize(0.1 + 0.2).setRegParam(1e-300).setHiddenLayers(7, 5)
        .setSyncEvery("4").setMaxIter(1).setInputScale(255);
    clf.write().overwrite().save(dir.resolve("clf").toString());
    NetworkClassifier back = NetworkClassifier.load(dir.resolve("clf").toString());
    assertEquals(clf.uid(), back.uid());
    assertEquals(Double.doubleToLongBits(0.1 + 0.2), Double.doubleToLongBits(back.getStepSize()));
    assertEquals(Double.doubleToLongBits(1e-300), Double.doubleToLongBits(back.getRegParam()));
    assertArrayEquals(new int[] {7, 5}, back.getHiddenLayers());
    assertEquals("4", back.getSyncEvery());
    NetworkClassificationModel model = clf.fit(Frames.of(spark(), digits().train(), 2));
    model.write().overwrite().save(dir.resolve("model").toString());
    NetworkClassificationModel loaded = NetworkClassificationModel.load(dir.resolve("model").toString());
    assertArrayEquals(model.weights(), loaded.weights());
    assertEquals(model.spec(), loaded.spec());
    assertEquals(255.0, loaded.getInputScale());
    assertEquals(model.uid(), loaded.uid());
    assertFalse(loaded.hasSummary());
    assertTrue(Files.isDirectory(dir.resolve("model/data")));
    NetworkClassificationModel json = NetworkClassificationModel.fromNetwork2Json(model.toNetwork2Json());
    assertArrayEquals(model.weights(), json.weights(), "network2.py's JSON keeps every bit");
  }

  @Test void copyTakesExtraParamsAndLeavesTheOriginal() {
    NetworkClassifier clf = new NetworkClassifier().setMaxIter(7);
    NetworkClassifier copy = clf.copy(new ParamMap().put(clf.stepSize().w(0.25)));
    assertNotSame(clf, copy);
    assertEquals(clf.uid(), copy.uid());
    assertEquals(7, copy.getMaxIter());
    assertEquals(0.25, copy.getStepSize());
    assertEquals(0.5, clf.getStepSize());
  }

  @Test void badParamsAndDataAreIllegalArgumentsNamingThem() {
    NetworkClassifier clf = new NetworkClassifier();
    assertTrue(assertThrows(IllegalArgumentException.class, () -> clf.setStepSize(-1)).getMessage().contains("stepSize"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> clf.setSyncEvery("often")).getMessage().contains("syncEvery"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> clf.setActivation("gelu")).getMessage().contains("activation"));
    Dataset<Row> frame = Frames.of(spark(), digits().train().limit(20), 1);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new NetworkClassifier().setLabelCol("digit").fit(frame));
    assertTrue(e.getMessage().contains("digit"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> new NetworkClassifier().setEarlyStop(3).fit(frame));
    assertEquals("earlyStop watches validation accuracy: mark the validation rows with validationIndicatorCol", e.getMessage());
  }
}
