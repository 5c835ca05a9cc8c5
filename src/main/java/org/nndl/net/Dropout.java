package org.nndl.net;

import static org.nndl.net.KeyedShuffle.mix;

import java.io.Serializable;
import org.nndl.error.UserError;

/**
 * Dropout on the hidden neurons (chapter 3, "Dropout"): during training each hidden neuron of a
 * sample is kept with probability 1 - p, else its activation is 0. Whether it is kept is a pure
 * function of (seed, epoch, step, sample, layer, neuron), not a random stream: a retried Spark
 * task, a resumed run and the reference all draw the same masks. The full network is used for
 * evaluation with the book's compensation: weights out of hidden neurons scaled by 1 - p.
 */
public final class Dropout implements Serializable {
  public static final Dropout NONE = new Dropout(0, 0);

  private final double rate;
  private final long seed;

  /** rate p in [0, 1): the probability of dropping a hidden neuron. */
  public Dropout(double rate, long seed) {
    if (!(rate >= 0 && rate < 1)) throw new UserError("dropout rate " + rate + " is not in [0, 1)");
    this.rate = rate;
    this.seed = seed;
  }

  public boolean active() { return rate > 0; }

  public double rate() { return rate; }

  /** mask[off + j] = 1 when hidden neuron j of the layer is kept for this sample at this step, else 0. */
  public void fill(int epoch, long step, int sample, int layer, double[] mask, int off, int n) {
    long key = mix(mix(mix(mix(seed) ^ epoch) ^ step) ^ sample);
    for (int j = 0; j < n; j++) {
      long h = mix(key ^ ((long) layer << 32 | j));
      double u = (h >>> 11) * 0x1.0p-53;  // uniform in [0, 1)
      mask[off + j] = u < rate ? 0.0 : 1.0;
    }
  }

  /** The network evaluation uses: a copy of params with the weights out of hidden layers (W^l, l >= 2) times 1 - p. */
  public double[] inference(Layout layout, double[] params) {
    double[] p = params.clone();
    if (!active()) return p;
    for (int l = 2; l < layout.layers(); l++) {
      for (int i = layout.weights(l); i < layout.biases(l); i++) p[i] *= 1 - rate;
    }
    return p;
  }
}
