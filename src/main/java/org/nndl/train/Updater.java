package org.nndl.train;

import java.io.Serializable;
import org.nndl.net.Layout;

/**
 * How a step changes the parameters (MLlib's {@code Updater} role): gradient descent with L2
 * weight decay, the book's eq. (93)-(94):
 * w <- (1 - eta*lambda/n) w - (eta/m) sum nabla_w,   b <- b - (eta/m) sum nabla_b.
 */
public final class Updater implements Serializable {
  private final Layout layout;

  public Updater(Layout layout) { this.layout = layout; }

  /** Applies one step in place: gradSum is summed over the batch's m samples; n is the training set size. */
  public void apply(double[] params, double[] gradSum, int m, double eta, double lambda, int n) {
    double step = eta / m;
    double decay = 1 - eta * (lambda / n);
    for (int l = 1; l < layout.layers(); l++) {
      for (int i = layout.weights(l); i < layout.biases(l); i++) params[i] = decay * params[i] - step * gradSum[i];
      int end = layout.biases(l) + layout.size(l);
      for (int i = layout.biases(l); i < end; i++) params[i] = params[i] - step * gradSum[i];
    }
  }
}
