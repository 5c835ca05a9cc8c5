package org.nndl.net;

import org.nndl.error.UserError;

/**
 * A cost C(a, y) of one sample's output column a with one-hot target y (y_label = 1), and the
 * output error delta^L = dC/dz^L it gives through an {@link Output} layer (the book's BP1).
 */
public enum Cost {
  /** C = -sum_j [y_j ln a_j + (1-y_j) ln(1-a_j)] (eq. 63), with numpy's nan_to_num per term as network2.py. */
  CROSS_ENTROPY("cross-entropy", "CrossEntropyCost") {
    @Override public double fn(double[] a, int off, int n, int label) {
      double s = 0;
      for (int j = 0; j < n; j++) {
        double y = j == label ? 1 : 0;
        s += nanToNum(-y * Math.log(a[off + j]) - (1 - y) * Math.log(1 - a[off + j]));
      }
      return s;
    }
    @Override double dCda(double a, double y) { return (a - y) / (a * (1 - a)); }
    @Override boolean cancels(Output out) { return out == Output.SIGMOID; }  // eq. 66: sigma' cancels
  },
  /** C = ||a - y||^2 / 2 (eq. 6). */
  QUADRATIC("quadratic", "QuadraticCost") {
    @Override public double fn(double[] a, int off, int n, int label) {
      double s = 0;
      for (int j = 0; j < n; j++) {
        double d = a[off + j] - (j == label ? 1 : 0);
        s += 0.5 * d * d;
      }
      return s;
    }
    @Override double dCda(double a, double y) { return a - y; }
    @Override boolean cancels(Output out) { return false; }
  },
  /** C = -ln a_y (eq. 80), the softmax layer's partner: then delta^L = a - y (eq. 81-82). */
  LOG_LIKELIHOOD("log-likelihood", "LogLikelihoodCost") {
    @Override public double fn(double[] a, int off, int n, int label) { return nanToNum(-Math.log(a[off + label])); }
    @Override double dCda(double a, double y) { return y == 1 ? -1 / a : 0; }
    @Override boolean cancels(Output out) { return out == Output.SOFTMAX; }
  };

  private final String id;
  private final String network2Name;

  Cost(String id, String network2Name) { this.id = id; this.network2Name = network2Name; }

  /** The sample's cost for the output column a[off..off+n) and its label. */
  public abstract double fn(double[] a, int off, int n, int label);

  /** dC/da_j for one output neuron with target y_j. */
  abstract double dCda(double a, double y);

  /** True when this cost through out gives delta^L = a - y exactly, the derivative cancelling. */
  abstract boolean cancels(Output out);

  /**
   * The output error delta^L_j = dC/dz^L_j of one sample into delta[doff..doff+n), from its
   * z^L and a^L columns at off. Where the chapter shows the derivative cancels (cross-entropy
   * with sigmoid, log-likelihood with softmax) it is a - y, as network2.py computes it;
   * otherwise dC/da pushed back through the output layer.
   */
  public void delta(double[] z, double[] a, int off, int n, int label, Output out, double[] delta, int doff) {
    boolean exact = cancels(out);
    for (int j = 0; j < n; j++) {
      double y = j == label ? 1 : 0;
      delta[doff + j] = exact ? a[off + j] - y : dCda(a[off + j], y);
    }
    if (!exact) out.backprop(z, a, off, delta, doff, n);
  }

  public String id() { return id; }

  /** The class name network2.py's save() writes in the "cost" key. */
  public String network2Name() { return network2Name; }

  /** numpy's nan_to_num as network2.py applies it: NaN (0 ln 0) -> 0, +inf -> the largest double. */
  static double nanToNum(double c) {
    if (Double.isNaN(c)) return 0.0;
    return c == Double.POSITIVE_INFINITY ? Double.MAX_VALUE : c;
  }

  public static Cost parse(String name) {
    for (Cost c : values()) {
      if (c.id.equalsIgnoreCase(name) || c.network2Name.equals(name)) return c;
    }
    throw new UserError("unknown cost '" + name + "': use cross-entropy, quadratic or log-likelihood");
  }
}
