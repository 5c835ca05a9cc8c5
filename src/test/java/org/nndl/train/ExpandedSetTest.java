package org.nndl.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.SparkEnv;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.storage.RDDBlockId;
import org.apache.spark.storage.RDDInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nndl.SparkTestSession;
import org.nndl.cache.CachedSet;
import org.nndl.compute.Gradient;
import org.nndl.data.Block;
import org.nndl.data.Dataset;
import org.nndl.data.Shift;
import org.nndl.net.Activation;
import org.nndl.net.Cost;
import org.nndl.net.Initializer;
import org.nndl.net.Layout;
import org.nndl.net.Network2;
import org.nndl.net.NetworkSpec;

/**
 * Training on the expanded view of a cached set ({@link CachedSet#expanded}) against the
 * reference trained on the expanded set materialised by {@link Shift#expand} on the driver.
 */
class ExpandedSetTest {
  private static final Dataset TRAIN = TestData.images(95, 4, 4, 3, 21);  // 475 expanded: the last batch is short
  private static final NetworkSpec SPEC = new NetworkSpec(new Layout(16, 6, 3), Activation.SIGMOID, Cost.CROSS_ENTROPY);
  private static final int M = 10;
  private static final double ETA = 0.5;
  private static final double LAMBDA = 5.0;  // non-zero: the decay's n must be the expanded size
  private static final long SEED = 42;

  private static JavaSparkContext sc() { return JavaSparkContext.fromSparkContext(SparkTestSession.get().sparkContext()); }

  @Test
  void theViewHoldsTheExpandedSamplesPartitionByPartition() {
    Dataset expanded = Shift.expand(TRAIN);
    Block truth = Block.split(expanded, expanded.size()).get(0);
    double[] want = new double[16], got = new double[16];
    try (CachedSet set = CachedSet.broadcast(sc(), TRAIN, 3); CachedSet view = set.expanded()) {
      assertArrayEquals(new int[] {0, 32, 64, 95}, set.firstSample());
      assertArrayEquals(new int[] {0, 160, 320, 475}, view.firstSample());
      assertEquals(475, view.size());
      List<List<Block>> parts = view.blocks().glom().collect();  // views travel through Kryo too
      assertEquals(3, parts.size());
      for (int p = 0; p < 3; p++) {
        int next = view.firstSample()[p];
        for (Block b : parts.get(p)) {
          assertEquals(next, b.first(), "partition " + p);
          for (int i = b.first(); i < b.end(); i++) {
            truth.widen(i, want, 0);
            b.widen(i, got, 0);
            assertArrayEquals(want, got, "pixels of sample " + i);
            assertEquals(expanded.label(i), b.label(i), "label of sample " + i);
          }
          next = b.end();
        }
        assertEquals(view.firstSample()[p + 1], next, "partition " + p + " ends where the next starts");
      }
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2, 3})
  void sparkOnTheViewEqualsTheReferenceOnTheExpandedData(int partitions) {
    Dataset expanded = Shift.expand(TRAIN);
    Network2 ref = new Network2(SPEC, init());
    double[] params = init();
    try (CachedSet set = CachedSet.broadcast(sc(), TRAIN, partitions); CachedSet view = set.expanded()) {
      GradientDescent gd = exact(view);
      for (int epoch = 1; epoch <= 2; epoch++) {
        assertEquals(48, gd.epoch(params, SEED, epoch, org.nndl.net.Sgd.network2(M, ETA, LAMBDA), () -> false).steps());
        ref.epoch(expanded, M, ETA, LAMBDA, SEED, epoch);
      }
    }
    assertClose(ref.params(), params);
  }

  /** Local SGD reads the view too: one partition and K = 1 is the book's algorithm. */
  @Test
  void localSgdOnTheViewEqualsTheReference() {
    Network2 ref = new Network2(SPEC, init());
    double[] params = init();
    try (CachedSet set = CachedSet.broadcast(sc(), TRAIN, 1); CachedSet view = set.expanded()) {
      new LocalSgd(sc(), view, new Gradient(SPEC), new Updater(SPEC.layout()), params.length, 1)
          .epoch(params, SEED, 1, org.nndl.net.Sgd.network2(M, ETA, LAMBDA), () -> false);
    }
    ref.epoch(Shift.expand(TRAIN), M, ETA, LAMBDA, SEED, 1);
    assertClose(ref.params(), params);
  }

  /** Cut at the same sample boundaries, the view and the materialised set feed the trainer the same bits. */
  @ParameterizedTest
  @ValueSource(ints = {1, 2, 3})
  void theViewTrainsToTheBitsOfTheMaterialisedSet(int partitions) {
    Dataset train = TestData.images(96, 4, 4, 3, 23);  // 96 = 2*48 = 3*32: both cuts fall at the same samples
    double[] onView = init(), onCopies = init();
    try (CachedSet set = CachedSet.broadcast(sc(), train, partitions); CachedSet view = set.expanded();
        CachedSet copies = CachedSet.broadcast(sc(), Shift.expand(train), partitions)) {
      assertArrayEquals(copies.firstSample(), view.firstSample());
      exact(view).epoch(onView, SEED, 1, org.nndl.net.Sgd.network2(M, ETA, LAMBDA), () -> false);
      exact(copies).epoch(onCopies, SEED, 1, org.nndl.net.Sgd.network2(M, ETA, LAMBDA), () -> false);
    }
    assertArrayEquals(onCopies, onView);
  }

  @Test
  void closingTheViewLeavesTheParentCachedAndUsable() {
    try (CachedSet set = CachedSet.broadcast(sc(), TRAIN, 2)) {
      double bytes = cachedBytes(set);
      List<Integer> cached = cachedRdds();  // the session is shared: other tests' sets may be cached too
      try (CachedSet view = set.expanded()) {
        exact(view).epoch(init(), SEED, 1, org.nndl.net.Sgd.network2(M, ETA, LAMBDA), () -> false);
        assertEquals(cached, cachedRdds(), "the view caches nothing of its own");
        assertEquals(bytes, cachedBytes(set), "the cache still holds each image once");
      }
      assertEquals(2, cachedPartitions(set));
      // The parent's broadcast must outlive the view too: drop its cache so the epoch rebuilds from it.
      SparkEnv.get().blockManager().master().removeRdd(set.blocks().id(), true);
      double[] params = init();
      exact(set).epoch(params, SEED, 1, org.nndl.net.Sgd.network2(M, ETA, LAMBDA), () -> false);
      Network2 ref = new Network2(SPEC, init());
      ref.epoch(TRAIN, M, ETA, LAMBDA, SEED, 1);
      assertClose(ref.params(), params);
    }
  }

  private static double[] init() { return Initializer.DEFAULT.init(SPEC.layout(), SEED); }

  private static GradientDescent exact(CachedSet set) {
    return new GradientDescent(sc(), set, new Gradient(SPEC), new Updater(SPEC.layout()), SPEC.layout().parameterCount());
  }

  private static void assertClose(double[] expected, double[] actual) {
    for (int i = 0; i < expected.length; i++) assertEquals(expected[i], actual[i], 1e-9, "parameter " + i);
  }

  private static List<Integer> cachedRdds() {
    List<Integer> ids = new ArrayList<>();
    for (RDDInfo info : sc().sc().getRDDStorageInfo()) if (info.numCachedPartitions() > 0) ids.add(info.id());
    return ids;
  }

  private static double cachedBytes(CachedSet set) {
    return Arrays.stream(sc().sc().getRDDStorageInfo()).filter(i -> i.id() == set.blocks().id())
        .mapToDouble(RDDInfo::memSize).sum();
  }

  private static int cachedPartitions(CachedSet set) {
    int cached = 0;
    for (int p = 0; p < set.blocks().getNumPartitions(); p++) {
      if (SparkEnv.get().blockManager().master().contains(new RDDBlockId(set.blocks().id(), p))) cached++;
    }
    return cached;
  }
}
