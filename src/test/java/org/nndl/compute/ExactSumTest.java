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

  @Test
  void anEmptySumIsZero() {
    assertArrayEquals(new double[3], new ExactSum().toDoubles(new double[] {1, 2, 3}));
    assertArrayEquals(new double[] {-2.5}, new ExactSum().merge(new ExactSum().add(new double[] {-2.5})).toDoubles(new double[1]));
  }
}
