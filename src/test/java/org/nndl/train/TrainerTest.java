package org.nndl.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nndl.SparkTestSession;
import org.nndl.cache.CachedSet;
import org.nndl.compute.Gradient;
import org.nndl.data.Dataset;
import org.nndl.metrics.EpochMetrics;
import org.nndl.net.Activation;
import org.nndl.net.Cost;
import org.nndl.net.Initializer;
import org.nndl.net.Network2;

/** The Spark trainer against the single-machine reference: same init, same batches, same result. */
class TrainerTest {
  private static final Dataset TRAIN = TestData.images(95, 4, 4, 3, 21);  // 95: the last batch is short
  private static final Dataset TEST = TestData.images(40, 4, 4, 3, 22);

  private static TrainSettings settings(int partitions, double lambda, String act, String cost, int epochs) {
    return TrainSettings.builder().data("test").sizes(16, 6, 3).activation(Activation.parse(act)).cost(Cost.parse(cost))
        .epochs(epochs).lambda(lambda).seed(42).monitor(true).partitions(partitions).build().validate();
  }

  private static JavaSparkContext sc() { return JavaSparkContext.fromSparkContext(SparkTestSession.get().sparkContext()); }

  @ParameterizedTest
  @CsvSource({"1,0.0,sigmoid,cross-entropy", "2,0.0,sigmoid,cross-entropy", "3,0.0,sigmoid,cross-entropy",
      "1,5.0,sigmoid,cross-entropy", "2,5.0,sigmoid,quadratic", "3,5.0,sigmoid,cross-entropy", "3,1.0,relu,quadratic"})
  void sparkEqualsTheReference(int partitions, double lambda, String act, String cost) {
    SparkVsReference.check(sc(), settings(partitions, lambda, act, cost, 4), TRAIN, TEST);
  }

  @Test
  void sameSeedSamePartitioningSameBits() {
    TrainSettings s = settings(3, 1.0, "sigmoid", "cross-entropy", 2);
    double[] a = Initializer.DEFAULT.init(s.spec().layout(), s.seed());
    double[] b = a.clone();
    new Trainer(sc(), s).run(TRAIN, TEST, a, () -> false, m -> {});
    new Trainer(sc(), s).run(TRAIN, TEST, b, () -> false, m -> {});
    assertArrayEquals(a, b);
  }

  /**
   * The driver-side merge and a real treeAggregate give the same bits (the sums are exact), also
   * when a partition holds several blocks (n/P > 4096): both paths round one partition's sum.
   */
  @Test
  void directAndTreeAggregationAgreeBitForBit() {
    Dataset train = TestData.images(20000, 4, 4, 3, 23);
    TrainSettings s = settings(2, 2.0, "sigmoid", "cross-entropy", 1);
    try (CachedSet set = CachedSet.broadcast(sc(), train, 2)) {
      for (List<org.nndl.data.Block> held : set.blocks().glom().collect()) assertTrue(held.size() >= 2, "blocks per partition");
      double[] direct = Initializer.DEFAULT.init(s.spec().layout(), 9);
      double[] tree = direct.clone();
      org.nndl.net.Layout layout = s.spec().layout();
      org.nndl.net.Sgd sgd = org.nndl.net.Sgd.network2(2000, 0.5, 2.0);
      new GradientDescent(sc(), set, new Gradient(s.spec()), new Updater(layout), direct.length).oneJobPerStep()
          .epoch(direct, 5, 1, sgd, () -> false);
      new GradientDescent(sc(), set, new Gradient(s.spec()), new Updater(layout), tree.length, 0).oneJobPerStep()
          .epoch(tree, 5, 1, sgd, () -> false);
      assertArrayEquals(direct, tree);
    }
  }

  /** A stop mid-epoch: one row, and the params are those after epoch 1 (the reference's), not epoch 1 plus 3 steps. */
  @Test
  void aStopRequestEndsTheRunWithoutAPartialEpoch() {
    TrainSettings s = settings(2, 0.0, "sigmoid", "cross-entropy", 3);
    List<EpochMetrics> rows = new ArrayList<>();
    int[] checks = {0};
    // stop after the first epoch's 10 steps (95 samples, m = 10) and 3 steps of the second
    Trainer.Result r = new Trainer(sc(), s).run(TRAIN, TEST, Initializer.DEFAULT.init(s.spec().layout(), 1),
        () -> ++checks[0] > 13, rows::add);
    assertEquals(14, checks[0], "the stop came in the middle of epoch 2");
    assertEquals(Trainer.Status.STOPPED, r.status());
    assertEquals(1, r.epochsDone());
    assertEquals(1, rows.size());
    Network2 ref = new Network2(s.spec(), Initializer.DEFAULT.init(s.spec().layout(), 1));
    ref.epoch(TRAIN, s.sgd(s.eta()), s.seed(), 1);
    double[] expected = ref.params();
    assertEquals(expected.length, r.params().length);
    for (int i = 0; i < expected.length; i++) assertEquals(expected[i], r.params()[i], 1e-9, "parameter " + i);
  }
}
