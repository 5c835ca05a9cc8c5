package org.nndl.train;

import java.io.Serializable;
import org.nndl.compute.StepSweep;
import org.nndl.net.Layout;
import org.nndl.net.Regularization;
import org.nndl.net.Sgd;

/**
 * How a step changes the parameters (MLlib's {@code Updater} role). Plain SGD with a weight
 * penalty (the book's eq. 93-94 for L2, eq. 100 for L1):
 * w <- shrink(w) - (eta/m) sum nabla_w,   b <- b - (eta/m) sum nabla_b;
 * with momentum mu (eq. 107-108): v <- mu v - eta g, w <- w + v, where
 * g = (1/m) sum nabla + (lambda/n) penalty'(w) for weights. The velocity v lives here, on the driver.
 */
public final class Updater implements Serializable {
  private final Layout layout;
  private double[] velocity;

  public Updater(Layout layout) { this.layout = layout; }

  public Layout layout() { return layout; }

  /** Applies one step in place: gradSum is summed over the batch's m samples; n is the training set size. */
  public void apply(double[] params, double[] gradSum, int m, Sgd sgd, int n) {
    apply(params, gradSum, params, m, sgd, n, StepSweep.UNCHECKED);
  }

  /**
   * The step from the parameters in {@code from} written into {@code to} (from itself for in
   * place); seen notes every gradient entry and result, for the caller's checks.
   */
  public void apply(double[] from, double[] gradSum, double[] to, int m, Sgd sgd, int n, StepSweep seen) {
    if (sgd.momentum() != 0) {
      momentumStep(from, gradSum, to, m, sgd, n, seen);
      return;
    }
    double step = sgd.eta() / m;
    double rate = sgd.eta() * (sgd.lambda() / n);
    Regularization reg = sgd.regularization();
    for (int l = 1; l < layout.layers(); l++) {
      if (reg == Regularization.L2) {
        seen.sweep(from, gradSum, to, layout.weights(l), layout.biases(l), 1 - rate, step);  // (1 - rate) w - step g
      } else {
        for (int i = layout.weights(l); i < layout.biases(l); i++) {
          to[i] = reg.shrink(from[i], rate) - step * gradSum[i];
          seen.see(gradSum[i], to[i]);
        }
      }
      seen.sweep(from, gradSum, to, layout.biases(l), layout.biases(l) + layout.size(l), 1, step);  // b - step g
    }
  }

  private void momentumStep(double[] from, double[] gradSum, double[] to, int m, Sgd sgd, int n, StepSweep seen) {
    if (velocity == null) velocity = new double[from.length];
    double decay = sgd.lambda() / n;
    for (int l = 1; l < layout.layers(); l++) {
      for (int i = layout.weights(l); i < layout.biases(l); i++) {
        velocity[i] = sgd.momentum() * velocity[i] - sgd.eta() * (gradSum[i] / m + decay * sgd.regularization().gradient(from[i]));
        to[i] = from[i] + velocity[i];
        seen.see(gradSum[i], to[i]);
      }
      int end = layout.biases(l) + layout.size(l);
      for (int i = layout.biases(l); i < end; i++) {
        velocity[i] = sgd.momentum() * velocity[i] - sgd.eta() * (gradSum[i] / m);
        to[i] = from[i] + velocity[i];
        seen.see(gradSum[i], to[i]);
      }
    }
  }

  /** Momentum's velocity (a copy; zeros before the first momentum step): optimizer state for checkpoints. */
  public double[] velocity() { return velocity == null ? new double[layout.parameterCount()] : velocity.clone(); }

  /** Restores the velocity of a checkpoint. */
  public void setVelocity(double[] v) {
    if (v.length != layout.parameterCount()) throw new IllegalArgumentException("velocity has the wrong size");
    velocity = v.clone();
  }
}
