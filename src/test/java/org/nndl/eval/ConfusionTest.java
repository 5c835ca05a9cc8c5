package org.nndl.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nndl.SparkTestSession;
import org.nndl.cache.CachedSet;
import org.nndl.data.Dataset;
import org.nndl.net.Initializer;
import org.nndl.net.Network2;
import org.nndl.net.NetworkSpec;
import org.nndl.train.TestData;
import org.nndl.train.TrainSettings;

/** The one-job confusion matrix and misclassified samples against the single-machine reference. */
class ConfusionTest {
  private static final Dataset TRAIN = TestData.images(120, 28, 28, 10, 31);
  private static final Dataset TEST = TestData.images(97, 28, 28, 10, 32);

  private static TrainSettings settings(int partitions) {
    return TrainSettings.builder().data("test").sizes(784, 12, 10).epochs(1).lambda(0.0).seed(7).partitions(partitions)
        .build().validate();
  }

  private static JavaSparkContext sc() { return JavaSparkContext.fromSparkContext(SparkTestSession.get().sparkContext()); }

  /** A half-trained reference network: some digits right, many wrong. */
  private static Network2 reference(NetworkSpec spec) {
    Network2 ref = new Network2(spec, Initializer.DEFAULT.init(spec.layout(), 7L));
    ref.epoch(TRAIN, 10, 0.5, 0.0, 7L, 1);
    return ref;
  }

  private static int argmax(double[] a) {
    int best = 0;
    for (int j = 1; j < a.length; j++) if (a[j] > a[best]) best = j;
    return best;
  }

  @ParameterizedTest
  @CsvSource({"1,24", "3,24", "3,5", "2,1000", "3,0"})
  void matrixAndMissesEqualTheReference(int partitions, int keep) {
    TrainSettings s = settings(partitions);
    Network2 ref = reference(s.spec());
    long[][] expected = new long[10][10];
    List<Integer> wrong = new ArrayList<>();
    int[] predicted = new int[TEST.size()];
    for (int i = 0; i < TEST.size(); i++) {
      predicted[i] = argmax(ref.output(Network2.input(TEST, i)));
      expected[TEST.label(i)][predicted[i]]++;
      if (predicted[i] != TEST.label(i)) wrong.add(i);
    }
    assertTrue(wrong.size() > 24 && wrong.size() < TEST.size() - 5, "the test needs both right and wrong digits: " + wrong.size());

    Confusion c;
    try (CachedSet set = CachedSet.broadcast(sc(), TEST, partitions)) {
      assertEquals(partitions, set.partitions());
      c = Confusion.of(sc(), set, s.spec(), ref.params().clone(), keep);
    }
    assertEquals(TEST.size(), c.total());
    assertEquals(10, c.outputs());
    for (int t = 0; t < 10; t++) for (int p = 0; p < 10; p++) assertEquals(expected[t][p], c.count(t, p), "cell " + t + "," + p);
    assertEquals(TEST.size() - wrong.size(), c.correct());

    List<Integer> firstWrong = wrong.subList(0, Math.min(keep, wrong.size()));
    assertEquals(firstWrong, c.wrong().stream().map(Confusion.Miss::index).toList());
    for (Confusion.Miss m : c.wrong()) {
      int i = m.index();
      assertEquals(TEST.label(i), m.label());
      assertEquals(predicted[i], m.predicted());
      assertNotEquals(m.label(), m.predicted());
      assertArrayEquals(Arrays.copyOfRange(TEST.pixels(), i * 784, (i + 1) * 784), m.pixels(), "pixels of " + i);
    }
  }

  /** Merging keeps the K smallest indices whatever the order the partitions arrive in. */
  @Test
  void mergeKeepsTheSmallestIndicesInAnyOrder() {
    Confusion a = part(3, 40, 41, 7, 90);
    Confusion b = part(3, 2, 50, 8);
    Confusion ab = part(3).merge(a).merge(b);
    Confusion ba = part(3).merge(part(3, 2, 50, 8)).merge(part(3, 40, 41, 7, 90));
    assertEquals(List.of(2, 7, 8), ab.wrong().stream().map(Confusion.Miss::index).toList());
    assertEquals(List.of(2, 7, 8), ba.wrong().stream().map(Confusion.Miss::index).toList());
    assertEquals(7, ab.total());
    assertEquals(7, ab.count(1, 2));
    assertEquals(7, ab.rowTotal(1));
    assertEquals(7, ab.columnTotal(2));
    assertEquals(0, ab.correct());
  }

  private static Confusion part(int keep, int... wrongIndices) {
    Confusion c = new Confusion(10, keep);
    for (int i : wrongIndices) c.add(i, 1, 2, () -> new byte[] {(byte) i});
    return c;
  }
}
