package org.nndl.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

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

  /** The driver-side merge and a real treeAggregate give the same bits (the sums are exact). */
  @Test
  void directAndTreeAggregationAgreeBitForBit() {
    TrainSettings s = settings(3, 2.0, "sigmoid", "cross-entropy", 1);
    try (CachedSet set = CachedSet.broadcast(sc(), TRAIN, 3)) {
      assertArrayEquals(new int[] {0, 32, 64, 95}, set.firstSample());
      assertArrayEquals(new int[] {0, 2}, set.partitionsOf(new int[] {3, 5, 70, 94}));
      double[] direct = Initializer.DEFAULT.init(s.spec().layout(), 9);
      double[] tree = direct.clone();
      org.nndl.net.Layout layout = s.spec().layout();
      new GradientDescent(sc(), set, new Gradient(s.spec()), new Updater(layout), direct.length).oneJobPerStep()
          .epoch(direct, 5, 1, org.nndl.net.Sgd.network2(10, 0.5, 2.0), () -> false);
      new GradientDescent(sc(), set, new Gradient(s.spec()), new Updater(layout), tree.length, 0).oneJobPerStep()
          .epoch(tree, 5, 1, org.nndl.net.Sgd.network2(10, 0.5, 2.0), () -> false);
      assertArrayEquals(direct, tree);
    }
  }

  @Test
  void aStopRequestEndsTheRunWithoutAPartialEpoch() {
    TrainSettings s = settings(2, 0.0, "sigmoid", "cross-entropy", 3);
    List<EpochMetrics> rows = new ArrayList<>();
    int[] checks = {0};
    // stop after the first epoch's 10 steps and 3 steps of the second
    Trainer.Result r = new Trainer(sc(), s).run(TRAIN, TEST, Initializer.DEFAULT.init(s.spec().layout(), 1),
        () -> ++checks[0] > 13, rows::add);
    assertEquals(Trainer.Status.STOPPED, r.status());
    assertEquals(1, r.epochsDone());
    assertEquals(1, rows.size());
  }
}
