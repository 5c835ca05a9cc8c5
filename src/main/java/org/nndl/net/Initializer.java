package org.nndl.net;

import java.util.Random;

/**
 * Starting weights and biases (chapter 3, "Weight initialization"). network2.py draws every bias
 * first, then every weight, row by row; the same order is kept here so a seed means one thing.
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

  public double[] init(Layout layout, long seed) {
    Random rnd = new Random(seed);
    double[] p = new double[layout.parameterCount()];
    for (int l = 1; l < layout.layers(); l++) {
      for (int j = 0; j < layout.size(l); j++) p[layout.biases(l) + j] = rnd.nextGaussian();
    }
    for (int l = 1; l < layout.layers(); l++) {
      double scale = weightScale(layout.size(l - 1));
      for (int j = 0; j < layout.size(l); j++) {
        for (int k = 0; k < layout.size(l - 1); k++) p[layout.weight(l, j, k)] = rnd.nextGaussian() * scale;
      }
    }
    return p;
  }

  public static Initializer parse(String name) {
    for (Initializer i : values()) if (i.id.equalsIgnoreCase(name)) return i;
    throw new IllegalArgumentException("unknown initializer '" + name + "': use default or large");
  }
}
