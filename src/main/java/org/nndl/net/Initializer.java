package org.nndl.net;

import org.nndl.error.UserError;

/**
 * Starting weights and biases (chapter 3, "Weight initialization"), drawn as the chapter-3
 * notebook draws them from {@code rng = np.random.default_rng(seed)}: first every layer's biases,
 * {@code rng.normal(0, 1, (n_l, 1))}, then every layer's weights,
 * {@code rng.normal(0, scale, (n_out, n_in))} filled row by row, so a seed gives numpy's values
 * bit for bit ({@link NumpyRandom}).
 */
public enum Initializer {
  /** Weights N(0, 1/sqrt(n_in)), biases N(0, 1): keeps z from saturating the neurons. */
  DEFAULT("default") {
    @Override double weightScale(int nIn) { return 1.0 / Math.sqrt(nIn); }
  },
  /** Weights and biases N(0, 1): the chapter-1 initializer, for comparison. */
  LARGE("large") {
    @Override double weightScale(int nIn) { return 1.0; }
  };

  private final String id;

  Initializer(String id) { this.id = id; }

  abstract double weightScale(int nIn);

  public String id() { return id; }

  /** The notebook's initial parameters for seed, in the flat {@link Layout}. */
  public double[] init(Layout layout, long seed) { return init(layout, NumpyRandom.defaultRng(seed)); }

  /** Draws every bias, then every weight matrix row by row (numpy's (n_out, n_in) C order), from rng. */
  private double[] init(Layout layout, NumpyRandom rng) {
    double[] p = new double[layout.parameterCount()];
    for (int l = 1; l < layout.layers(); l++) {
      for (int j = 0; j < layout.size(l); j++) p[layout.biases(l) + j] = rng.normal(0, 1);
    }
    for (int l = 1; l < layout.layers(); l++) {
      double scale = weightScale(layout.size(l - 1));
      for (int j = 0; j < layout.size(l); j++) {
        for (int k = 0; k < layout.size(l - 1); k++) p[layout.weight(l, j, k)] = rng.normal(0, scale);
      }
    }
    return p;
  }

  public static Initializer parse(String name) {
    for (Initializer i : values()) if (i.id.equalsIgnoreCase(name)) return i;
    throw new UserError("unknown initializer '" + name + "': use default or large");
  }
}
