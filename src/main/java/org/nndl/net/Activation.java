package org.nndl.net;

import org.nndl.error.UserError;

/** The neuron's activation function sigma(z) and its derivative sigma'(z). */
public enum Activation {
  SIGMOID("sigmoid") {
    @Override public double apply(double z) { return 1.0 / (1.0 + Math.exp(-z)); }
    @Override public double prime(double z) { double s = apply(z); return s * (1 - s); }
  },
  RELU("relu") {
    @Override public double apply(double z) { return z > 0 ? z : 0.0; }
    @Override public double prime(double z) { return z > 0 ? 1.0 : 0.0; }
  },
  /** tanh(z) = 2 sigma(2z) - 1: outputs in (-1, 1), the chapter's "other models of artificial neuron". */
  TANH("tanh") {
    @Override public double apply(double z) { return Math.tanh(z); }
    @Override public double prime(double z) { double t = Math.tanh(z); return 1 - t * t; }
  };

  private final String id;

  Activation(String id) { this.id = id; }

  public abstract double apply(double z);

  public abstract double prime(double z);

  /** The name used on the command line, in tables and in model files. */
  public String id() { return id; }

  public static Activation parse(String name) {
    for (Activation a : values()) if (a.id.equalsIgnoreCase(name)) return a;
    throw new UserError("unknown activation '" + name + "': use sigmoid, relu or tanh");
  }
}
