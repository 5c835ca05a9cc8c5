package org.nndl.compute;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ExactSumTest {

  @Test
  void sameBitsInAnyOrderAndGroupingAndCloseToTheExactSum() {
    Random rnd = new Random(1);
    List<double[]> parts = new ArrayList<>();
    for (int p = 0; p < 7; p++) {
      double[] v = new double[50];
      for (int i = 0; i < v.length; i++) v[i] = rnd.nextGaussian() * Math.pow(10, rnd.nextInt(12) - 8);
      parts.add(v);
    }
    double[] first = null;
    for (int trial = 0; trial < 20; trial++) {
      Collections.shuffle(parts, rnd);
      // merge as a random tree: singles combined pairwise in a shuffled order
      List<ExactSum> sums = new ArrayList<>();
      for (double[] v : parts) sums.add(new ExactSum().add(v));
      while (sums.size() > 1) {
        int i = rnd.nextInt(sums.size() - 1);
        ExactSum merged = sums.remove(i).merge(sums.remove(i));
        sums.add(rnd.nextInt(sums.size() + 1), merged);
      }
      double[] out = sums.get(0).toDoubles(new double[50]);
      if (first == null) first = out; else assertArrayEquals(first, out);
    }
    for (int i = 0; i < 50; i++) {
      BigDecimal exact = BigDecimal.ZERO;
      for (double[] v : parts) exact = exact.add(new BigDecimal(v[i]));
      assertEquals(exact.doubleValue(), first[i], Math.ulp(first[i]));
    }
  }

  @Test
  void nanAndOverflowMarkTheSumInvalid() {
    assertFalse(new ExactSum().add(new double[] {1e9, -3}).invalid());
    assertTrue(new ExactSum().add(new double[] {Double.NaN}).invalid());
    assertTrue(new ExactSum().add(new double[] {3e9}).invalid());
    assertTrue(new ExactSum().merge(new ExactSum().add(new double[] {Double.POSITIVE_INFINITY})).invalid());
  }

  /** Each value in range, their running total not: hi[] must not wrap silently. */
  @Test
  void aRunningTotalBeyondTheRangeMarksTheSumInvalid() {
    double half = 0x1p30;
    double below = half - 0x1p-23;  // the double just below 2^30
    assertFalse(new ExactSum().add(new double[] {half}).add(new double[] {below}).invalid());
    assertEquals(0x1p31 - 0x1p-23, new ExactSum().add(new double[] {half}).add(new double[] {below})
        .toDoubles(new double[1])[0]);
    assertTrue(new ExactSum().add(new double[] {half}).add(new double[] {half}).invalid());
    assertTrue(new ExactSum().add(new double[] {half}).merge(new ExactSum().add(new double[] {half})).invalid());
    double big = 0x1p31 - 1;
    ExactSum many = new ExactSum();
    for (int i = 0; i < 5; i++) many.merge(new ExactSum().add(new double[] {big}).add(new double[] {-big / 2}));
    assertTrue(many.invalid(), "2.5 * (2^31 - 1) in five merges");
  }

  /** Fractions just below 2^-32 fill lo[] with about 2^52 each: thousands of them must still sum exactly. */
  @Test
  void manyLargeFractionsSumExactly() {
    double x = 0x1p-32 - 0x1p-84;
    ExactSum added = new ExactSum();
    ExactSum merged = new ExactSum();
    for (int i = 0; i < 5000; i++) {
      added.add(new double[] {x});
      merged.merge(new ExactSum().add(new double[] {x}));
    }
    double exact = new BigDecimal(x).multiply(BigDecimal.valueOf(5000)).doubleValue();
    assertFalse(added.invalid());
    assertEquals(exact, added.toDoubles(new double[1])[0]);
    assertEquals(exact, merged.toDoubles(new double[1])[0]);
  }

  @Test
  void anEmptySumIsZero() {
    assertArrayEquals(new double[3], new ExactSum().toDoubles(new double[] {1, 2, 3}));
    assertArrayEquals(new double[] {-2.5}, new ExactSum().merge(new ExactSum().add(new double[] {-2.5})).toDoubles(new double[1]));
  }

  /**
   * A sum of one part is that part, bit for bit, even below the fixed point's 2^-84 (a fused step
   * and a one-partition job take their gradient as it is); with a second part the sum is exact.
   */
  @Test
  void onePartIsItselfAndASecondMakesTheSumExact() {
    double[] a = {0x1p-90, -3.0e-30, 1.0 / 3, -0.0, 5e-324};
    double[] b = {0x1p-90, 3.0e-30, 1.0 / 3, 0.0, 5e-324};
    assertArrayEquals(a, new ExactSum().add(a).toDoubles(new double[a.length]));
    ExactSum reused = new ExactSum().add(b).add(b);
    assertArrayEquals(a, reused.clear().add(a).toDoubles(new double[a.length]), "clear() gives a new, empty sum");
    assertArrayEquals(a, new ExactSum().merge(new ExactSum().add(a)).toDoubles(new double[a.length]));
    assertArrayEquals(a, new ExactSum().add(a).merge(new ExactSum()).toDoubles(new double[a.length]));
    double[] ab = new ExactSum().add(a).add(b).toDoubles(new double[a.length]);
    double[] ba = new ExactSum().add(b).merge(new ExactSum().add(a)).toDoubles(new double[a.length]);
    assertArrayEquals(ab, ba);
    // held to 2^-84: 2^-90 + 2^-90 rounds to a multiple of 2^-84, the thirds add exactly
    assertEquals(0.0, ab[0]);
    assertEquals(new BigDecimal(1.0 / 3).multiply(BigDecimal.valueOf(2)).doubleValue(), ab[2]);
    assertTrue(new ExactSum().add(new double[] {1, Double.NaN}).invalid(), "a single part is checked too");
  }

  /**
   * A cleared sum reuses its first part's array (a fused step allocates nothing per step), yet
   * holds a copy: the caller refills its scratch array for the next step after add.
   */
  @Test
  void aReusedSumCopiesEachFirstPart() {
    double[] scratch = new double[2];
    ExactSum sum = new ExactSum();
    for (int step = 1; step <= 3; step++) {
      scratch[0] = step;
      scratch[1] = -0.5 * step;
      sum.clear().add(scratch);
      scratch[0] = scratch[1] = 99;
      assertArrayEquals(new double[] {step, -0.5 * step}, sum.toDoubles(new double[2]), "step " + step);
    }
    assertArrayEquals(new double[] {4, 6}, sum.clear().add(new double[] {1, 2}).add(new double[] {3, 4}).toDoubles(new double[2]));
    assertArrayEquals(new double[] {7, 8}, sum.clear().add(new double[] {7, 8}).toDoubles(new double[2]),
        "a first part after a sum of two");
  }

  /** The kept array is not part of what a sum ships: a task's result holds its two long arrays, nothing more. */
  @Test
  void theKeptArrayIsNotSerialized() throws java.io.IOException {
    ExactSum sum = new ExactSum().add(new double[1000]).add(new double[1000]);  // fixed point now; the first part's array kept
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    try (java.io.ObjectOutputStream out = new java.io.ObjectOutputStream(bytes)) {
      out.writeObject(sum);
    }
    assertTrue(bytes.size() < 2 * 8000 + 1000, "two long[1000] and little else: " + bytes.size() + " bytes");
    org.apache.spark.serializer.SerializerInstance kryo =
        new org.apache.spark.serializer.KryoSerializer(new org.apache.spark.SparkConf()).newInstance();
    int kryoBytes = kryo.serialize(sum, scala.reflect.ClassTag$.MODULE$.apply(ExactSum.class)).remaining();
    assertTrue(kryoBytes < 2 * 8000 + 1000, "Kryo: " + kryoBytes + " bytes");
  }
}
