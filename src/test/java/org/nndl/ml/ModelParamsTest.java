package org.nndl.ml;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Objects;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.Params;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nndl.SparkTestSession;
import org.nndl.data.DataSource;
import org.nndl.data.Frames;

/** The model has every param of its estimator, with the values fit was given, also after save and load. */
class ModelParamsTest {
  /** Every param away from its default where the estimator allows it (momentum needs exact sync; patience without halving is kept as given). */
  private static NetworkClassifier away() {
    return new NetworkClassifier().setHiddenLayers(7, 5).setActivation("tanh").setOutput("softmax").setCost("log-likelihood")
        .setInit("large").setMaxIter(2).setBatchSize(7).setStepSize(0.1 + 0.2).setRegParam(1e-3).setRegularization("l1")
        .setDropout(0.25).setMomentum(0.5).setSeed(12345).setPartitions("2").setMonitor(true).setInputScale(255)
        .setPatience(3).setEarlyStop(0).setEtaSchedule("none").setValidationFraction(0.25).setLabelCol("label")
        .setPredictionCol("guess");
  }

  @Test void aFittedModelAndItsLoadedCopyGiveBackEveryParamTheEstimatorWasGiven(@TempDir Path dir) throws Exception {
    NetworkClassifier clf = away();
    NetworkClassificationModel model = clf.fit(Frames.of(SparkTestSession.get(), DataSource.load(DataSource.SAMPLE, null, 60, 10).train(), 2));
    sameParams(clf, model, "fitted");
    String path = dir.resolve("model").toString();
    model.write().overwrite().save(path);
    NetworkClassificationModel loaded = NetworkClassificationModel.load(path);
    sameParams(clf, loaded, "loaded");
    // the getters, by name, against the values set above
    assertArrayEquals(new int[] {7, 5}, loaded.getHiddenLayers());
    assertEquals("tanh", loaded.getActivation());
    assertEquals("softmax", loaded.getOutput());
    assertEquals("log-likelihood", loaded.getCost());
    assertEquals("large", loaded.getInit());
    assertEquals(2, loaded.getMaxIter());
    assertEquals(7, loaded.getBatchSize());
    assertEquals(Double.doubleToLongBits(0.1 + 0.2), Double.doubleToLongBits(loaded.getStepSize()));
    assertEquals(1e-3, loaded.getRegParam());
    assertEquals("l1", loaded.getRegularization());
    assertEquals(0.25, loaded.getDropout());
    assertEquals(0.5, loaded.getMomentum());
    assertEquals(12345, loaded.getSeed());
    assertEquals("exact", loaded.getSyncEvery());
    assertEquals("2", loaded.getPartitions());
    assertTrue(loaded.getMonitor());
    assertEquals(255.0, loaded.getInputScale());
    assertEquals(3, loaded.getPatience());
    assertEquals(0, loaded.getEarlyStop());
    assertEquals("none", loaded.getEtaSchedule());
    assertEquals(0.25, loaded.getValidationFraction());
    assertEquals("guess", loaded.getPredictionCol());
  }

  /** A model made from network2.py's JSON reports the network it holds: its hidden layers, activation, output and cost. */
  @Test void aModelFromNetwork2JsonReportsItsNetwork() {
    String json = "{\"sizes\":[2,3,1,2],\"activation\":\"relu\",\"output\":\"softmax\",\"cost\":\"LogLikelihoodCost\","
        + "\"weights\":[[[1,2],[3,4],[5,6]],[[1,2,3]],[[1],[2]]],\"biases\":[[[0],[0],[0]],[[0]],[[0],[0]]]}";
    NetworkClassificationModel model = NetworkClassificationModel.fromNetwork2Json(json);
    assertArrayEquals(new int[] {3, 1}, model.getHiddenLayers());
    assertEquals("relu", model.getActivation());
    assertEquals("softmax", model.getOutput());
    assertEquals("log-likelihood", model.getCost());
  }

  /** Each of the estimator's params is one of the model's, with the same value (defaults included), or undefined on both. */
  private static void sameParams(Params clf, Params model, String which) {
    for (Param<?> p : clf.params()) {
      Param<Object> m = model.getParam(p.name());
      assertEquals(clf.isDefined(p), model.isDefined(m), which + " model, " + p.name() + " defined");
      if (clf.isDefined(p)) {
        Object want = clf.getOrDefault(p);
        Object got = model.getOrDefault(m);
        assertTrue(Objects.deepEquals(want, got), which + " model, " + p.name() + ": " + java.util.Arrays.deepToString(new Object[] {want, got}));
      }
    }
  }
}
