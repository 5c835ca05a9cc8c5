package org.nndl.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.Test;
import org.nndl.SparkTestSession;
import org.nndl.cache.CachedSet;
import org.nndl.data.Dataset;
import org.nndl.eval.Evaluator;
import org.nndl.eval.Score;
import org.nndl.metrics.EpochMetrics;
import org.nndl.net.Activation;
import org.nndl.net.Cost;
import org.nndl.net.Initializer;
import org.nndl.net.Layout;
import org.nndl.net.Network2;
import org.nndl.net.Regularization;

/**
 * A sigmoid output that rounds to exactly 1.0 on a wrong class costs +inf, which network2.py's
 * nan_to_num turns into the largest double: the reported cost is huge but finite and the run goes
 * on. Divergence is for parameters that stop being finite, not for a saturated network.
 */
class SaturatedCostTest {
  private static final Dataset TRAIN = TestData.images(95, 4, 4, 3, 31);
  private static final Dataset TEST = TestData.images(40, 4, 4, 3, 32);

  private static JavaSparkContext sc() { return JavaSparkContext.fromSparkContext(SparkTestSession.get().sparkContext()); }

  private static TrainSettings settings() {
    return TrainSettings.builder().data("test").sizes(16, 6, 3).activation(Activation.SIGMOID).cost(Cost.CROSS_ENTROPY)
        .epochs(2).lambda(1.0).seed(7).monitor(true).partitions(2).build().validate();
  }

  /** Large init, then output neuron 0's bias pushed so far that its sigmoid is exactly 1.0 for every sample. */
  private static double[] saturated(Layout layout) {
    double[] params = Initializer.LARGE.init(layout, 3);
    params[layout.biases(layout.layers() - 1)] = 1000;
    return params;
  }

  @Test
  void aSaturatedNetworkCostsWhatNetwork2Reports() {
    TrainSettings s = settings();
    Layout layout = s.spec().layout();
    double[] params = saturated(layout);
    double reference = new Network2(s.spec(), params.clone()).totalCost(TEST, s.lambda(), Regularization.L2);
    assertTrue(Double.isFinite(reference) && reference > 1e300, "the case is saturated: " + reference);
    try (CachedSet set = CachedSet.broadcast(sc(), TEST, 2)) {
      Score score = new Evaluator(s.spec()).score(sc(), set.blocks(), params);
      double cost = score.totalCost(Regularization.L2, s.lambda(), layout, params);
      assertEquals(reference, cost, reference * 1e-12);
    }
  }

  @Test
  void aSaturatedNetworkTrainsOnInsteadOfDiverging() {
    TrainSettings s = settings();
    List<EpochMetrics> rows = new ArrayList<>();
    double[] params = saturated(s.spec().layout());
    Network2 ref = new Network2(s.spec(), params.clone());
    Trainer.Result r = new Trainer(sc(), s).run(TRAIN, TEST, params, () -> false, rows::add);
    assertEquals(Trainer.Status.FINISHED, r.status());
    assertEquals(2, rows.size());
    for (int epoch = 1; epoch <= 2; epoch++) {
      ref.epoch(TRAIN, s.sgd(s.eta()), s.seed(), epoch);
      double expected = ref.totalCost(TEST, s.lambda(), Regularization.L2);
      assertTrue(expected > 1e300, "still saturated at epoch " + epoch);
      assertEquals(expected, rows.get(epoch - 1).testCost(), expected * 1e-12);
    }
    double[] expected = ref.params();
    for (int i = 0; i < expected.length; i++) assertEquals(expected[i], r.params()[i], 1e-9, "parameter " + i);
  }
}
