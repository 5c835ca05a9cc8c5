package org.nndl.net;

import org.nndl.error.UserError;

/**
 * The output layer L: the activation a^L = f(z^L) of the whole output column, and the way an
 * error dC/da^L goes back through it to dC/dz^L. The elementwise layers apply one neuron's
 * activation; softmax (chapter 3, eq. 78) couples the column: a_j = e^(z_j) / sum_k e^(z_k).
 */
public enum Output {
  SIGMOID(Activation.SIGMOID),
  RELU(Activation.RELU),
  TANH(Activation.TANH),
  SOFTMAX(null);

  private final Activation elementwise;

  Output(Activation elementwise) { this.elementwise = elementwise; }

  /** The output layer that applies the hidden layers' activation: the notebook's "one activation everywhere". */
  public static Output of(Activation a) {
    return switch (a) {
      case SIGMOID -> SIGMOID;
      case RELU -> RELU;
      case TANH -> TANH;
    };
  }

  /** a[off..off+n) = f(z[off..off+n)). */
  public void activate(double[] z, double[] a, int off, int n) {
    if (elementwise != null) {
      for (int j = off; j < off + n; j++) a[j] = elementwise.apply(z[j]);
      return;
    }
    double max = Double.NEGATIVE_INFINITY;  // e^(z - max): the same a, without overflow
    for (int j = off; j < off + n; j++) max = Math.max(max, z[j]);
    double sum = 0;
    for (int j = off; j < off + n; j++) sum += a[j] = Math.exp(z[j] - max);
    for (int j = off; j < off + n; j++) a[j] /= sum;
  }

  /**
   * Turns g = dC/da^L (in place, g[off..off+n)) into delta^L = dC/dz^L, the chain rule through
   * this layer: g_j f'(z_j) when elementwise; for softmax, da_i/dz_j = a_i (1[i=j] - a_j), so
   * delta_j = a_j (g_j - sum_i a_i g_i).
   */
  public void backprop(double[] z, double[] a, int off, double[] g, int goff, int n) {
    if (elementwise != null) {
      for (int j = 0; j < n; j++) g[goff + j] *= elementwise.prime(z[off + j]);
      return;
    }
    double dot = 0;
    for (int j = 0; j < n; j++) dot += a[off + j] * g[goff + j];
    for (int j = 0; j < n; j++) g[goff + j] = a[off + j] * (g[goff + j] - dot);
  }

  /** True when every output lies in (0, 1), as the cross-entropy and log-likelihood costs need. */
  public boolean inUnitInterval() { return this == SIGMOID || this == SOFTMAX; }

  /** The name used on the command line, in tables and in model files. */
  public String id() { return elementwise != null ? elementwise.id() : "softmax"; }

  public static Output parse(String name) {
    for (Output o : values()) if (o.id().equalsIgnoreCase(name)) return o;
    throw new UserError("unknown output layer '" + name + "': use sigmoid, softmax, relu or tanh");
  }
}
