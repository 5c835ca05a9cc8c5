package org.nndl.train;

import java.io.Serializable;
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
    if (sgd.momentum() != 0) {
      momentumStep(params, gradSum, m, sgd, n);
      return;
    }
    double step = sgd.eta() / m;
    double rate = sgd.eta() * (sgd.lambda() / n);
    Regularization reg = sgd.regularization();
    for (int l = 1; l < layout.layers(); l++) {
      for (int i = layout.weights(l); i < layout.biases(l); i++) params[i] = reg.shrink(params[i], rate) - step * gradSum[i];
      int end = layout.biases(l) + layout.size(l);
      for (int i = layout.biases(l); i < end; i++) params[i] = params[i] - step * gradSum[i];
    }
  }

  private void momentumStep(double[] params, double[] gradSum, int m, Sgd sgd, int n) {
    if (velocity == null) velocity = new double[params.length];
    double decay = sgd.lambda() / n;
    for (int l = 1; l < layout.layers(); l++) {
      for (int i = layout.weights(l); i < layout.biases(l); i++) {
        velocity[i] = sgd.momentum() * velocity[i] - sgd.eta() * (gradSum[i] / m + decay * sgd.regularization().gradient(params[i]));
        params[i] += velocity[i];
      }
      int end = layout.biases(l) + layout.size(l);
      for (int i = layout.biases(l); i < end; i++) {
        velocity[i] = sgd.momentum() * velocity[i] - sgd.eta() * (gradSum[i] / m);
        params[i] += velocity[i];
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
