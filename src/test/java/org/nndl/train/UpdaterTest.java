package org.nndl.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;
import org.nndl.net.Dropout;
import org.nndl.net.Layout;
import org.nndl.net.Regularization;
import org.nndl.net.Sgd;

/**
 * One or two steps of the {@link Updater} on a 3-1 network with given weights and a given
 * gradient sum, against numbers worked out by hand from the book's equations (written below each
 * case): m = 2, n = 10, eta = 0.5, lambda = 2, so eta/m = 0.25 and lambda/n = 0.2.
 */
class UpdaterTest {
  private static final Layout LAYOUT = new Layout(3, 1);
  private static final int M = 2, N = 10;

  /** w = (1, -2, 0), b = 0.5, in the layout's places. */
  private static double[] params(double w0, double w1, double w2, double b) {
    double[] p = new double[LAYOUT.parameterCount()];
    p[LAYOUT.weight(1, 0, 0)] = w0;
    p[LAYOUT.weight(1, 0, 1)] = w1;
    p[LAYOUT.weight(1, 0, 2)] = w2;
    p[LAYOUT.biases(1)] = b;
    return p;
  }

  /** The summed gradient over the batch's m = 2 samples: (0.4, -0.8, 0.2) for w, 0.6 for b. */
  private static final double[] GRAD_SUM = params(0.4, -0.8, 0.2, 0.6);

  /**
   * Eq. 100 (L1): w <- w - (eta lambda/n) sgn(w) - (eta/m) sum nabla_w, sgn(0) = 0; b <- b - (eta/m) sum nabla_b.
   * w0: 1 - 0.1 - 0.25*0.4 = 0.8; w1: -2 + 0.1 + 0.25*0.8 = -1.7; w2: 0 - 0 - 0.25*0.2 = -0.05;
   * b: 0.5 - 0.25*0.6 = 0.35.
   */
  @Test
  void anL1StepFollowsEquation100() {
    double[] p = params(1, -2, 0, 0.5);
    new Updater(LAYOUT).apply(p, GRAD_SUM, M, new Sgd(M, 0.5, 2.0, Regularization.L1, 0.0, Dropout.NONE), N);
    assertArrayEquals(params(0.8, -1.7, -0.05, 0.35), p, 1e-12);
  }

  /**
   * Eq. 107-108 with L2's gradient (eq. 93-94): v <- mu v - eta (sum nabla/m + (lambda/n) w), w <- w + v;
   * for b the same without the weight term. mu = 0.5, two steps with the same gradient sum (g/m = (0.2, -0.4, 0.1), 0.3).
   * Step 1 (v = 0): v = -0.5 (0.2 + 0.2*1) = -0.2, -0.5 (-0.4 - 0.4) = 0.4, -0.5 (0.1 + 0) = -0.05; vb = -0.15;
   * w = (0.8, -1.6, -0.05), b = 0.35.
   * Step 2: v = -0.1 - 0.5 (0.2 + 0.16) = -0.28; 0.2 - 0.5 (-0.4 - 0.32) = 0.56; -0.025 - 0.5 (0.1 - 0.01) = -0.07;
   * vb = -0.075 - 0.15 = -0.225; w = (0.52, -1.04, -0.12), b = 0.125.
   */
  @Test
  void twoMomentumStepsFollowEquations107And108() {
    double[] p = params(1, -2, 0, 0.5);
    Updater u = new Updater(LAYOUT);
    Sgd sgd = new Sgd(M, 0.5, 2.0, Regularization.L2, 0.5, Dropout.NONE);
    u.apply(p, GRAD_SUM, M, sgd, N);
    assertArrayEquals(params(0.8, -1.6, -0.05, 0.35), p, 1e-12, "after step 1");
    u.apply(p, GRAD_SUM, M, sgd, N);
    assertArrayEquals(params(0.52, -1.04, -0.12, 0.125), p, 1e-12, "after step 2");
    assertArrayEquals(params(-0.28, 0.56, -0.07, -0.225), u.velocity(), 1e-12, "velocity");
  }
}
