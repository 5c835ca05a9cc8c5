package org.nndl.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.nndl.compute.ExactSum;
import org.nndl.net.Layout;
import org.nndl.net.Sgd;

/**
 * A fused task's step from its batch's one-part gradient against the driver's step from an
 * {@link ExactSum} of that one part: the same results, and the same refusals (ExactSum marks a
 * part with an entry at or beyond 2^31, or NaN, invalid); a refused step leaves the parameters
 * as they were, and the twin arrays settle back into the caller's.
 */
class ExactStepTest {
  private static final Layout LAYOUT = new Layout(20, 12, 3);
  private static final int P = LAYOUT.parameterCount(), N = 100;
  private static final Sgd SGD = Sgd.network2(10, 0.5, 5.0);

  private static double[] ramp(double scale) {
    double[] a = new double[P];
    for (int i = 0; i < P; i++) a[i] = scale * Math.sin(i + 1);
    return a;
  }

  /** The book's step, written out: w (1 - eta lambda / n) - (eta / m) g, b - (eta / m) g. */
  private static double[] byHand(double[] w, double[] g) {
    double[] out = new double[P];
    for (int l = 1; l < LAYOUT.layers(); l++) {
      for (int i = LAYOUT.weights(l); i < LAYOUT.biases(l); i++) out[i] = (1 - 0.5 * (5.0 / N)) * w[i] - 0.05 * g[i];
      for (int i = LAYOUT.biases(l); i < LAYOUT.biases(l) + LAYOUT.size(l); i++) out[i] = w[i] - 0.05 * g[i];
    }
    return out;
  }

  @Test
  void aStepFromOnePartIsTheBooksStepAndTheDriversStep() {
    double[] w = ramp(0.3), g = ramp(2.0);
    ExactStep fused = new ExactStep(new Updater(LAYOUT), P);
    double[] next = fused.fromPart(w, g, 10, SGD, N);
    double[] driver = w.clone();
    assertTrue(new ExactStep(new Updater(LAYOUT), P).take(driver, new ExactSum().add(g), 10, SGD, N));
    assertArrayEquals(byHand(w, g), next);
    assertArrayEquals(next, driver);
  }

  /** Entries of a vector's lanes and of the tail, at the limit, beyond it, NaN. */
  @ParameterizedTest
  @ValueSource(strings = {"5:2147483648", "5:-3e9", "200:NaN", "281:2147483648", "282:NaN"})
  void aGradientOutOfTheSumsRangeIsRefusedAsTheSumRefusesIt(String entry) {
    int at = Integer.parseInt(entry.split(":")[0]);
    double[] w = ramp(0.3), g = ramp(2.0), before = w.clone();
    g[at] = Double.parseDouble(entry.split(":")[1]);
    assertTrue(new ExactSum().add(g).invalid(), "ExactSum refuses it");
    assertNull(new ExactStep(new Updater(LAYOUT), P).fromPart(w, g, 10, SGD, N));
    assertArrayEquals(before, w);
  }

  @Test
  void justBelowTheLimitIsTaken() {
    double[] g = ramp(2.0);
    g[7] = Math.nextDown(ExactSum.LIMIT);
    assertNotNull(new ExactStep(new Updater(LAYOUT), P).fromPart(ramp(0.3), g, 10, SGD, N));
  }

  @Test
  void aResultThatOverflowsIsRefusedAndTheParametersKept() {
    double[] w = ramp(0.3), before = w.clone();
    w[9] = before[9] = Double.MAX_VALUE;
    double[] g = ramp(2.0);
    g[9] = -1e9;
    ExactStep step = new ExactStep(new Updater(LAYOUT), P);
    assertNull(step.fromPart(w, g, 10, Sgd.network2(10, 1e300, 0.0), N));
    assertArrayEquals(before, w);
  }

  @Test
  void stepsAlternateBetweenTwinsAndSettleIntoTheCallersArray() {
    double[] w = ramp(0.3), g = ramp(2.0), expected = byHand(byHand(byHand(w, g), g), g);
    ExactStep step = new ExactStep(new Updater(LAYOUT), P);
    double[] first = step.fromPart(w, g, 10, SGD, N), second = step.fromPart(first, g, 10, SGD, N);
    assertSame(w, second, "the second step writes into the first's parameters");
    double[] third = step.fromPart(second, g, 10, SGD, N);
    step.settle(w, third);
    assertArrayEquals(expected, w);
    // w holds the parameters again, and the next step still leaves its input untouched
    double[] kept = w.clone();
    double[] fourth = step.fromPart(w, g, 10, SGD, N);
    assertArrayEquals(kept, w);
    assertEquals(byHand(kept, g)[0], fourth[0]);
  }
}
