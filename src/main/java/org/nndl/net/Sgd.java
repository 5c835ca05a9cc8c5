package org.nndl.net;

import java.io.Serializable;

/**
 * The rule of one stochastic gradient descent step (chapter 3): mini-batches of m, learning rate
 * eta, weight penalty of strength lambda, momentum coefficient mu (0: plain SGD) and dropout.
 */
public record Sgd(int m, double eta, double lambda, Regularization regularization, double momentum, Dropout dropout)
    implements Serializable {

  /** This rule at another learning rate (a schedule's). */
  public Sgd withEta(double newEta) { return new Sgd(m, newEta, lambda, regularization, momentum, dropout); }

  /** network2.py's rule: L2, no momentum, no dropout. */
  public static Sgd network2(int m, double eta, double lambda) {
    return new Sgd(m, eta, lambda, Regularization.L2, 0.0, Dropout.NONE);
  }
}
