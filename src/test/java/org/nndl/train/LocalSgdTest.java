package org.nndl.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.storage.StorageLevel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nndl.SparkTestSession;
import org.nndl.cache.CachedSet;
import org.nndl.compute.Gradient;
import org.nndl.data.Block;
import org.nndl.data.Dataset;
import org.nndl.net.Activation;
import org.nndl.net.Cost;
import org.nndl.net.KeyedShuffle;
import org.nndl.net.Initializer;
import org.nndl.net.Network2;
import org.nndl.net.NetworkSpec;

/** Local SGD against the reference: exact with one partition, hand-averaged with two, same bits, learns. */
class LocalSgdTest {
  private static final Dataset TRAIN = TestData.images(95, 4, 4, 3, 21);  // 95: last batches are short
  private static final NetworkSpec SPEC = settings(1, 0.0, "sigmoid", "cross-entropy").spec();
  private static final double ETA = 0.5;

  private static TrainSettings settings(int partitions, double lambda, String act, String cost) {
    return TrainSettings.builder().data("test").sizes(16, 6, 3).activation(Activation.parse(act)).cost(Cost.parse(cost))
        .epochs(1).eta(ETA).lambda(lambda).seed(42).partitions(partitions).build().validate();
  }

  private static JavaSparkContext sc() { return JavaSparkContext.fromSparkContext(SparkTestSession.get().sparkContext()); }

  private static LocalSgd localSgd(CachedSet set, NetworkSpec spec, int k) {
    return new LocalSgd(sc(), set, new Gradient(spec), new Updater(spec.layout()), spec.layout().parameterCount(), k);
  }

  private static double[] init(long seed) { return Initializer.DEFAULT.init(SPEC.layout(), seed); }

  /** With one partition the average is the partition's own walk, which is network2's: any K. */
  @ParameterizedTest
  @CsvSource({"1,0.0", "1,5.0", "3,5.0", "2147483647,1.0"})
  void onePartitionEqualsTheReference(int k, double lambda) {
    try (CachedSet set = CachedSet.broadcast(sc(), TRAIN, 1)) {
      assertEquals(1, set.partitions());
      double[] params = init(7);
      Network2 ref = new Network2(SPEC, init(7));
      LocalSgd sgd = localSgd(set, SPEC, k);
      for (int epoch = 1; epoch <= 3; epoch++) {
        EpochOutcome out = sgd.epoch(params, 42L, epoch, org.nndl.net.Sgd.network2(10, ETA, lambda), () -> false);
        assertEquals(new EpochOutcome((int) ((10L + k - 1) / k), false, false), out);
        ref.epoch(TRAIN, 10, ETA, lambda, 42L, epoch);
        assertArrayEquals(ref.params(), params, 1e-9, "epoch " + epoch);
      }
    }
  }

  /**
   * Two partitions of 60 and 35 samples, m = 7, K = 2: steps 9 and 5, so rounds of 14+14,
   * 14+14, 14+7 (unequal weights), then 14 and 4 samples from the first partition alone. Each
   * partition's steps come from the reference on its own samples; the average is done here.
   */
  @Test
  void unequalPartitionsAverageTheirChangesBySamples() {
    int cut = 60, m = 7, k = 2;
    double lambda = 3.0;
    long seed = 11;
    try (CachedSet set = twoBlocks(TRAIN, cut)) {
      double[] params = init(3);
      double[] expected = init(3);
      LocalSgd sgd = localSgd(set, SPEC, k);
      for (int epoch = 1; epoch <= 2; epoch++) {
        EpochOutcome out = sgd.epoch(params, seed, epoch, org.nndl.net.Sgd.network2(m, ETA, lambda), () -> false);
        assertEquals(new EpochOutcome(5, false, false), out);
        handAveragedEpoch(expected, new int[] {0, cut, TRAIN.size()}, seed, epoch, m, k, lambda);
        assertArrayEquals(expected, params, 1e-9, "epoch " + epoch);
      }
    }
  }

  /** w <- w + sum_p c_p (w_p - w) / sum_p c_p per round, each w_p from network2's update_mini_batch. */
  private static void handAveragedEpoch(double[] w, int[] first, long seed, int epoch, int m, int k, double lambda) {
    int parts = first.length - 1;
    int[][] order = new int[parts][];
    int[] pos = new int[parts];
    for (int p = 0; p < parts; p++) {
      order[p] = KeyedShuffle.permutation(first[p + 1] - first[p], LocalSgd.partitionSeed(seed, p), epoch);
      for (int i = 0; i < order[p].length; i++) order[p][i] += first[p];
    }
    while (true) {
      double[] old = w.clone();
      double[] weighted = new double[w.length];
      long total = 0;
      for (int p = 0; p < parts; p++) {
        int start = pos[p], np = order[p].length;
        if (start == np) continue;
        Network2 local = new Network2(SPEC, old.clone());
        for (int s = 0; s < k && pos[p] < np; s++) {
          int to = Math.min(pos[p] + m, np);
          local.updateMiniBatch(TRAIN, order[p], pos[p], to, ETA, lambda, TRAIN.size());
          pos[p] = to;
        }
        int c = pos[p] - start;
        total += c;
        for (int i = 0; i < w.length; i++) weighted[i] += c * (local.params()[i] - old[i]);
      }
      if (total == 0) return;
      for (int i = 0; i < w.length; i++) w[i] = old[i] + weighted[i] / total;
    }
  }

  @Test
  void threePartitionsGiveTheSameBitsEveryTime() {
    try (CachedSet set = CachedSet.broadcast(sc(), TRAIN, 3)) {
      assertEquals(3, set.partitions());
      double[] a = init(5), b = init(5);
      for (int epoch = 1; epoch <= 2; epoch++) {
        localSgd(set, SPEC, 2).epoch(a, 8, epoch, org.nndl.net.Sgd.network2(10, ETA, 1.0), () -> false);
        localSgd(set, SPEC, 2).epoch(b, 8, epoch, org.nndl.net.Sgd.network2(10, ETA, 1.0), () -> false);
      }
      assertArrayEquals(a, b);
      assertFalse(Arrays.equals(a, init(5)), "it trained");
    }
  }

  @Test
  void oneRoundPerEpochLearns() {
    Dataset train = TestData.images(600, 4, 4, 3, 31), test = TestData.images(300, 4, 4, 3, 32);
    try (CachedSet set = CachedSet.broadcast(sc(), train, 2)) {
      double[] params = init(9);
      LocalSgd sgd = localSgd(set, SPEC, Integer.MAX_VALUE);
      for (int epoch = 1; epoch <= 5; epoch++) {
        assertEquals(new EpochOutcome(1, false, false), sgd.epoch(params, 1, epoch, org.nndl.net.Sgd.network2(10, ETA, 1.0), () -> false));
      }
      double before = new Network2(SPEC, init(9)).accuracy(test) / (double) test.size();
      double accuracy = new Network2(SPEC, params).accuracy(test) / (double) test.size();
      assertTrue(accuracy > 0.8 && accuracy > before + 0.3, "accuracy " + before + " -> " + accuracy + " (chance is 1/3)");
    }
  }

  @Test
  void aDivergingRoundKeepsThePreviousParameters() {
    NetworkSpec relu = settings(2, 0.0, "relu", "quadratic").spec();
    try (CachedSet set = CachedSet.broadcast(sc(), TRAIN, 2)) {
      double[] params = init(4);
      EpochOutcome out = localSgd(set, relu, Integer.MAX_VALUE)
          .epoch(params, 1, 1, org.nndl.net.Sgd.network2(10, 1e6, 0.0), () -> false);
      assertEquals(new EpochOutcome(0, false, true), out);
      assertArrayEquals(init(4), params);
    }
  }

  @Test
  void aStopRequestEndsBeforeTheNextRound() {
    try (CachedSet set = CachedSet.broadcast(sc(), TRAIN, 2)) {
      double[] params = init(6);
      int[] checks = {0};
      EpochOutcome out = localSgd(set, SPEC, 2).epoch(params, 1, 1, org.nndl.net.Sgd.network2(10, ETA, 0.0), () -> ++checks[0] > 2);
      assertEquals(new EpochOutcome(2, true, false), out);  // of 3 rounds (5 steps, K = 2)
    }
  }

  @Test
  void roundsCoverEachPartitionsStepsOnce() {
    assertEquals(0, LocalSgd.partitionSeed(42, 0) ^ 42, "partition 0 walks the global order");
    long[] samples = new long[5];
    for (int r = 0; r < 5; r++) samples[r] = org.nndl.train.parallel.Steps.samplesInRound(60, 7, r, 2);
    assertArrayEquals(new long[] {14, 14, 14, 14, 4}, samples);
    assertEquals(0, org.nndl.train.parallel.Steps.samplesInRound(35, 7, 3, 2));
    assertEquals(95, org.nndl.train.parallel.Steps.samplesInRound(95, 10, 0, Integer.MAX_VALUE));
    assertEquals(0, org.nndl.train.parallel.Steps.samplesInRound(95, 10, 1, Integer.MAX_VALUE));
  }

  /** Samples [0, cut) in partition 0 and [cut, n) in partition 1: sizes Trainer.cache would not choose. */
  private static CachedSet twoBlocks(Dataset d, int cut) {
    List<Block> blocks = new ArrayList<>(List.of(block(d, 0, cut), block(d, cut, d.size())));
    Broadcast<List<Block>> source = sc().broadcast(blocks);
    JavaRDD<Block> rdd = sc().parallelize(List.of(0, 1), 2).map(i -> source.value().get(i))
        .persist(StorageLevel.MEMORY_ONLY());
    return new CachedSet(rdd, new int[] {0, cut, d.size()}, source);
  }

  private static Block block(Dataset d, int from, int to) {
    int in = d.inputSize();
    return new Block(from, to - from, d.rows(), d.cols(), Arrays.copyOfRange(d.pixels(), from * in, to * in),
        Arrays.copyOfRange(d.labels(), from, to));
  }
}
