package org.nndl.net;

/**
 * A cost function C(a, y) for one sample's output, and the output error
 * delta^L = dC/dz^L (the book's equation BP1) it gives for an activation.
 */
public enum Cost {
  /** C = -sum[y ln a + (1-y) ln(1-a)] (eq. 57), with numpy's nan_to_num per term as network2.py. */
  CROSS_ENTROPY("cross-entropy", "CrossEntropyCost") {
    @Override public double fn(double a, double y) {
      double c = -y * Math.log(a) - (1 - y) * Math.log(1 - a);
      if (Double.isNaN(c)) return 0.0;
      return c == Double.POSITIVE_INFINITY ? Double.MAX_VALUE : c;
    }
    @Override public double delta(double z, double a, double y, Activation act) {
      // For sigmoid the sigma'(z) cancels (eq. 66): delta = a - y.
      if (act == Activation.SIGMOID) return a - y;
      return (a - y) / (a * (1 - a)) * act.prime(z);
    }
  },
  /** C = ||a - y||^2 / 2 (eq. 6). */
  QUADRATIC("quadratic", "QuadraticCost") {
    @Override public double fn(double a, double y) { return 0.5 * (a - y) * (a - y); }
    @Override public double delta(double z, double a, double y, Activation act) {
      return (a - y) * act.prime(z);
    }
  };

  private final String id;
  private final String network2Name;

  Cost(String id, String network2Name) { this.id = id; this.network2Name = network2Name; }

  /** One output neuron's share of the cost; a sample's cost is the sum over output neurons. */
  public abstract double fn(double a, double y);

  /** One output neuron's error delta^L_j given z^L_j, a^L_j and the target y_j. */
  public abstract double delta(double z, double a, double y, Activation act);

  public String id() { return id; }

  /** The class name network2.py's save() writes in the "cost" key. */
  public String network2Name() { return network2Name; }

  public static Cost parse(String name) {
    for (Cost c : values()) {
      if (c.id.equalsIgnoreCase(name) || c.network2Name.equals(name)) return c;
    }
    throw new IllegalArgumentException("unknown cost '" + name + "': use cross-entropy or quadratic");
  }
}
