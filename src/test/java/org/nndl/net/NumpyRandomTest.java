package org.nndl.net;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** NumpyRandom and its parts against what numpy itself drew (NumpyVectors), bit for bit. */
class NumpyRandomTest {
  @Test
  void seedSequenceGivesNumpysPcg64Seed() {
    for (String[] t : NumpyVectors.lines("seedseq")) {
      long[] expected = IntStream.range(1, 5).mapToLong(i -> NumpyVectors.hex(t[i])).toArray();
      assertArrayEquals(expected, new SeedSequence(NumpyVectors.seed(t[0])).generateState64(4), "seed " + t[0]);
    }
  }

  @Test
  void pcg64DrawsNumpysRawWords() {
    for (String[] t : NumpyVectors.lines("raw")) {
      Pcg64 bits = new Pcg64(NumpyVectors.seed(t[0]));
      for (int i = 1; i < t.length; i++) assertEquals(NumpyVectors.hex(t[i]), bits.nextLong(), "seed " + t[0] + " draw " + i);
    }
  }

  @Test
  void standardNormalsAreNumpysBitForBit() {
    for (String[] t : NumpyVectors.lines("normal")) {
      NumpyRandom rng = NumpyRandom.defaultRng(NumpyVectors.seed(t[0]));
      double[] expected = NumpyVectors.doubles(t, 1, t.length);
      for (int i = 0; i < expected.length; i++) assertBits(expected[i], rng.standardNormal(), "seed " + t[0] + " draw " + i);
    }
  }

  @Test
  void normalWithLocAndScaleIsNumpys() {
    for (String[] t : NumpyVectors.lines("scaled")) {
      NumpyRandom rng = NumpyRandom.defaultRng(NumpyVectors.seed(t[0]));
      double loc = NumpyVectors.hexDouble(t[1]), scale = NumpyVectors.hexDouble(t[2]);
      double[] expected = NumpyVectors.doubles(t, 3, t.length);
      for (int i = 0; i < expected.length; i++) assertBits(expected[i], rng.normal(loc, scale), "seed " + t[0] + " draw " + i);
    }
  }

  /** One generator shuffles the same list epoch after epoch, as the notebook does. */
  @Test
  void consecutiveShufflesOfAListAreNumpys() {
    NumpyRandom rng = null;
    int[] list = null;
    for (String[] t : NumpyVectors.lines("shuffle")) {
      int n = Integer.parseInt(t[1]), epoch = Integer.parseInt(t[2]);
      if (epoch == 1) {
        rng = NumpyRandom.defaultRng(NumpyVectors.seed(t[0]));
        list = IntStream.range(0, n).toArray();
      }
      rng.shuffle(list);
      assertArrayEquals(NumpyVectors.ints(t, 3, t.length), list, "seed " + t[0] + ", n " + n + ", epoch " + epoch);
    }
  }

  /** A shuffle of two draws half a 64-bit word; the other half waits through normals for the next shuffle. */
  @Test
  void theBufferedHalfWordSurvivesNormals() {
    String[] t = NumpyVectors.lines("mixed").get(0);
    NumpyRandom rng = NumpyRandom.defaultRng(NumpyVectors.seed(t[0]));
    int[] a = {0, 1}, b = IntStream.range(0, 10).toArray();
    rng.shuffle(a);
    double[] x = new double[6];
    for (int i = 0; i < 3; i++) x[i] = rng.standardNormal();
    rng.shuffle(b);
    for (int i = 3; i < 6; i++) x[i] = rng.standardNormal();
    double[] expected = NumpyVectors.doubles(t, 1, 7);
    for (int i = 0; i < 6; i++) assertBits(expected[i], x[i], "normal " + i);
    assertArrayEquals(NumpyVectors.ints(t, 7, 9), a);
    assertArrayEquals(NumpyVectors.ints(t, 9, 19), b);
  }

  static void assertBits(double expected, double actual, String what) {
    assertEquals(Double.doubleToRawLongBits(expected), Double.doubleToRawLongBits(actual),
        () -> what + ": expected " + expected + ", got " + actual);
  }
}
