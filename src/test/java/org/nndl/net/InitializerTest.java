package org.nndl.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.nndl.net.NumpyRandomTest.assertBits;

import org.junit.jupiter.api.Test;

/**
 * The initial parameters are the notebook's, {@code default_rng(seed)} drawing every bias then
 * every weight (n_out, n_in) row by row, placed at the right index of the flat layout.
 */
class InitializerTest {
  /** numpy's [784,30,10] network for seed 3, all 23,860 values. */
  @Test
  void theNotebooksNetworkForSeedThree() {
    Layout layout = new Layout(784, 30, 10);
    double[] numpy = NumpyVectors.float64("network-784-30-10-seed3.f64");
    assertEquals(layout.parameterCount(), numpy.length);
    assertDrawOrder(numpy, layout, Initializer.DEFAULT.init(layout, 3), "seed 3");
  }

  /** Small networks, both initializers (large: scale 1 for the weights too). */
  @Test
  void smallNetworksWithBothInitializers() {
    for (String[] t : NumpyVectors.lines("init")) {
      Layout layout = new Layout(NumpyVectors.sizes(t[1]));
      double[] numpy = NumpyVectors.doubles(t, 3, t.length);
      assertEquals(layout.parameterCount(), numpy.length);
      assertDrawOrder(numpy, layout, Initializer.parse(t[2]).init(layout, NumpyVectors.seed(t[0])), String.join(" ", t[0], t[1], t[2]));
    }
  }

  /** numpy's values in its draw order (biases b_l[j], then weights W_l[j][k]) against the flat layout. */
  private static void assertDrawOrder(double[] numpy, Layout layout, double[] params, String what) {
    int at = 0;
    for (int l = 1; l < layout.layers(); l++) {
      for (int j = 0; j < layout.size(l); j++) assertBits(numpy[at++], params[layout.biases(l) + j], what + " b" + l + "[" + j + "]");
    }
    for (int l = 1; l < layout.layers(); l++) {
      for (int j = 0; j < layout.size(l); j++) {
        for (int k = 0; k < layout.size(l - 1); k++) {
          assertBits(numpy[at++], params[layout.weight(l, j, k)], what + " W" + l + "[" + j + "][" + k + "]");
        }
      }
    }
  }
}
