package org.nndl.compute;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The step's sweep against the scalar expression written out here, entry by entry, on a range
 * that has whole vectors and a tail (the JVM runs the tests with the Vector API: the lanes and
 * the plain loop are both crossed), and its maxima against a plain scan, with a NaN or an
 * infinity in a vector's lanes or in the tail.
 */
class StepSweepTest {
  private static final int START = 3, END = 3 + 8 * 4 + 5, LENGTH = END + 2;

  private static double[] random(long seed) {
    Random r = new Random(seed);
    double[] a = new double[LENGTH];
    for (int i = 0; i < LENGTH; i++) a[i] = r.nextGaussian() * Math.pow(10, r.nextInt(7) - 3);
    return a;
  }

  @Test
  void everyEntryIsTheScalarExpressionsBitsAndTheMaximaArePlainScans() {
    double[] from = random(1), g = random(2), to = new double[LENGTH];
    double keep = 1 - 0.5 * (5.0 / 60_000), step = 0.5 / 10;
    StepSweep seen = new StepSweep().reset();
    seen.sweep(from, g, to, START, END, keep, step);
    double largestG = 0;
    for (int i = 0; i < LENGTH; i++) {
      double expected = i >= START && i < END ? keep * from[i] - step * g[i] : 0.0;
      assertEquals(Double.doubleToRawLongBits(expected), Double.doubleToRawLongBits(to[i]), "entry " + i);
      if (i >= START && i < END) largestG = Math.max(largestG, Math.abs(g[i]));
    }
    assertEquals(largestG, seen.largestGradient());
    assertTrue(seen.resultsFinite());
  }

  @Test
  void inPlaceGivesTheSameBits() {
    double[] from = random(3), g = random(4), to = new double[LENGTH], same = from.clone();
    new StepSweep().sweep(from, g, to, START, END, 0.9, 0.05);
    new StepSweep().sweep(same, g, same, START, END, 0.9, 0.05);
    for (int i = START; i < END; i++) assertEquals(to[i], same[i], "entry " + i);
  }

  @Test
  void theUncheckedSweepWritesTheSameBits() {
    double[] from = random(11), g = random(12), checked = new double[LENGTH], unchecked = new double[LENGTH];
    new StepSweep().sweep(from, g, checked, START, END, 0.99, 0.05);
    StepSweep.UNCHECKED.sweep(from, g, unchecked, START, END, 0.99, 0.05);
    for (int i = 0; i < LENGTH; i++) {
      assertEquals(Double.doubleToRawLongBits(checked[i]), Double.doubleToRawLongBits(unchecked[i]), "entry " + i);
    }
  }

  /** Positions 4 (a vector's lane), 35 and END - 1 (the tail on any lane count up to 8). */
  @ParameterizedTest
  @ValueSource(ints = {4, 35, END - 1})
  void aNaNGradientAnywhereIsSeen(int at) {
    double[] from = random(5), g = random(6), to = new double[LENGTH];
    g[at] = Double.NaN;
    StepSweep seen = new StepSweep().reset();
    seen.sweep(from, g, to, START, END, 1, 0.05);
    assertTrue(Double.isNaN(seen.largestGradient()), "largest |g| with a NaN at " + at);
    assertFalse(seen.resultsFinite());
  }

  @ParameterizedTest
  @ValueSource(ints = {4, 35, END - 1})
  void anOverflowingResultAnywhereIsSeenAndALargeGradientMeasured(int at) {
    double[] from = random(7), g = random(8), to = new double[LENGTH];
    from[at] = Double.MAX_VALUE;
    g[at] = -0x1p32;
    StepSweep seen = new StepSweep().reset();
    seen.sweep(from, g, to, START, END, 1, Double.MAX_VALUE / 0x1p31);  // MAX + 2 MAX overflows
    assertFalse(seen.resultsFinite(), "an infinite result at " + at);
    assertEquals(0x1p32, seen.largestGradient());
  }

  @Test
  void resetForgetsTheLastStep() {
    double[] from = random(9), g = random(10), to = new double[LENGTH];
    g[4] = Double.NaN;
    StepSweep seen = new StepSweep().reset();
    seen.sweep(from, g, to, START, END, 1, 0.05);
    g[4] = 1;
    seen.reset().sweep(from, g, to, START, END, 1, 0.05);
    assertTrue(seen.resultsFinite());
    assertFalse(Double.isNaN(seen.largestGradient()));
  }
}
