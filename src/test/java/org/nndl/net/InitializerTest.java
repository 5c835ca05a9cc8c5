package org.nndl.net;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * The initial parameters are the notebook's, {@code default_rng(seed)} drawing every bias then
 * every weight (n_out, n_in) row by row, each placed at its index of the flat layout.
 */
class InitializerTest {
  /** numpy's [784,30,10] network for seed 3, all 23,860 values bit for bit. */
  @Test
  void theNotebooksNetworkForSeedThree() {
    Layout layout = new Layout(784, 30, 10);
    double[] numpy = NumpyVectors.float64("network-784-30-10-seed3.f64");
    assertArrayEquals(bits(numpy), bits(NumpyVectors.drawOrder(layout, Initializer.DEFAULT.init(layout, 3))));
  }

  /** Small networks, both initializers (large: scale 1 for the weights too). */
  @Test
  void smallNetworksWithBothInitializers() {
    for (String[] t : NumpyVectors.lines("init")) {
      Layout layout = new Layout(NumpyVectors.sizes(t[1]));
      double[] java = Initializer.parse(t[2]).init(layout, NumpyVectors.seed(t[0]));
      assertArrayEquals(bits(NumpyVectors.doubles(t, 3, t.length)), bits(NumpyVectors.drawOrder(layout, java)),
          String.join(" ", t[0], t[1], t[2]));
    }
  }

  private static long[] bits(double[] d) { return Arrays.stream(d).mapToLong(Double::doubleToRawLongBits).toArray(); }
}
