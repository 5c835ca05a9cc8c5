package org.nndl.net;

import org.nndl.error.UserError;

/**
 * The weight penalty of chapter 3 (biases are never penalised), with strength lambda over a set
 * of n samples: how it shrinks a weight in a step, its part of the cost, and its gradient.
 */
public enum Regularization {
  /** C = C_0 + (lambda/2n) sum w^2 (eq. 85); the step w <- (1 - eta*lambda/n) w - (eta/m) sum nabla C_x (eq. 93). */
  L2("l2") {
    @Override public double shrink(double w, double rate) { return (1 - rate) * w; }
    @Override public double gradient(double w) { return w; }
    @Override public double penalty(Layout layout, double[] params, double lambda, int n) {
      return 0.5 * (lambda / n) * layout.weightSquares(params);
    }
  },
  /** C = C_0 + (lambda/n) sum |w| (eq. 95); the step w <- w - (eta*lambda/n) sgn(w) - (eta/m) sum nabla C_x (eq. 100), sgn(0) = 0. */
  L1("l1") {
    @Override public double shrink(double w, double rate) { return w - rate * Math.signum(w); }
    @Override public double gradient(double w) { return Math.signum(w); }
    @Override public double penalty(Layout layout, double[] params, double lambda, int n) {
      double s = 0;
      for (int l = 1; l < layout.layers(); l++) {
        for (int i = layout.weights(l); i < layout.biases(l); i++) s += Math.abs(params[i]);
      }
      return (lambda / n) * s;
    }
  };

  private final String id;

  Regularization(String id) { this.id = id; }

  /** The weight after the penalty's part of a step, rate = eta*lambda/n. */
  public abstract double shrink(double w, double rate);

  /** d(penalty)/dw divided by lambda/n: what momentum adds to a weight's gradient. */
  public abstract double gradient(double w);

  /** The penalty term of the total cost over a set of n samples (network2.py's total_cost uses n = the set's size). */
  public abstract double penalty(Layout layout, double[] params, double lambda, int n);

  public String id() { return id; }

  public static Regularization parse(String name) {
    for (Regularization r : values()) if (r.id.equalsIgnoreCase(name)) return r;
    throw new UserError("unknown regularization '" + name + "': use l2 or l1");
  }
}
