package org.nndl.train;

import org.nndl.compute.ExactSum;
import org.nndl.net.Sgd;

/**
 * One exact SGD step from a mini-batch's summed gradient: rounded once from its {@link ExactSum},
 * handed to the {@link Updater}, and undone when the result is not finite. The driver takes it
 * after a per-step job and a fused task takes it on the executor, so both give the same bits.
 */
final class ExactStep {
  private final Updater updater;
  private final double[] gradSum;
  private final double[] previous;

  ExactStep(Updater updater, int parameterCount) {
    this.updater = updater;
    this.gradSum = new double[parameterCount];
    this.previous = new double[parameterCount];
  }

  /**
   * Applies the step of sum (over the batch's m samples; n is the training set size) to params
   * in place. Returns false, params as they were, when the gradient or the result is not finite.
   */
  boolean take(double[] params, ExactSum sum, int m, Sgd sgd, int n) {
    if (sum.invalid()) return false;
    sum.toDoubles(gradSum);
    return Optimizer.finiteOrUndone(params, previous, w -> updater.apply(w, gradSum, m, sgd, n));
  }
}
