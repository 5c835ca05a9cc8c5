package org.nndl.ml;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.stream.Collectors;
import org.apache.spark.ml.Estimator;
import org.apache.spark.ml.Transformer;
import org.apache.spark.ml.param.Params;
import org.apache.spark.util.Utils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nndl.SparkTestSession;

/**
 * The lookup Spark Connect's ML service makes (its MLUtils.loadOperators and getInstance): the
 * registered operators by class name through ServiceLoader, built by their public (String uid)
 * constructor, params set by name with values of the types Connect carries, and a model loaded
 * through its static load(String).
 */
class ConnectRegistrationTest {
  private static Map<String, Class<?>> operators(Class<?> kind) {
    return ServiceLoader.load(kind, Utils.getContextOrSparkClassLoader()).stream()
        .collect(Collectors.toMap(p -> p.type().getName(), ServiceLoader.Provider::type));
  }

  private static Params byUid(Class<?> kind, String name, String uid) throws Exception {
    Class<?> c = operators(kind).get(name);
    assertTrue(c != null, name + " is registered as an " + kind.getSimpleName() + ": " + operators(kind).keySet());
    return (Params) c.getConstructor(String.class).newInstance(uid);
  }

  @Test void theEstimatorIsFoundBuiltByUidAndTakesParamsByName() throws Exception {
    Params clf = byUid(Estimator.class, "org.nndl.ml.NetworkClassifier", "networkClassifier_py1");
    assertEquals("networkClassifier_py1", clf.uid());
    clf.set(clf.getParam("stepSize"), 0.25);  // a Python float
    clf.set(clf.getParam("hiddenLayers"), new int[] {12, 7});  // a Python list of ints
    clf.set(clf.getParam("seed"), -3L);
    clf.set(clf.getParam("syncEvery"), "auto");
    NetworkClassifier typed = (NetworkClassifier) clf;
    assertEquals(0.25, typed.getStepSize());
    assertArrayEquals(new int[] {12, 7}, typed.getHiddenLayers());
    assertEquals(-3L, typed.getSeed());
    assertEquals("networkClassifier_py1", typed.hiddenLayers().parent(), "the params belong to the uid given");
  }

  @Test void theModelIsFoundBuiltByUidAndLoadedByItsStaticLoad(@TempDir Path dir) throws Exception {
    Params empty = byUid(Transformer.class, "org.nndl.ml.NetworkClassificationModel", "networkClassifier_py2");
    assertEquals("networkClassifier_py2", empty.uid());
    String m = assertThrows(IllegalStateException.class,
        () -> ((NetworkClassificationModel) empty).transform(SparkTestSession.get().emptyDataFrame())).getMessage();
    assertTrue(m.contains("has no network"), m);
    NetworkClassificationModel saved = NetworkClassificationModel.fromNetwork2Json("{\"sizes\":[2,1],\"weights\":[[[0.5,-1.5]]],"
        + "\"biases\":[[[0.25]]],\"cost\":\"CrossEntropyCost\"}");
    String path = dir.resolve("model").toString();
    saved.write().save(path);
    Class<?> c = operators(Transformer.class).get("org.nndl.ml.NetworkClassificationModel");
    NetworkClassificationModel loaded = (NetworkClassificationModel) c.getMethod("load", String.class).invoke(null, path);
    assertArrayEquals(new double[] {0.5, -1.5, 0.25}, loaded.weights());
    assertEquals(saved.uid(), loaded.uid());
  }
}
