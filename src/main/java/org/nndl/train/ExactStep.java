package org.nndl.train;

import org.nndl.compute.ExactSum;
import org.nndl.compute.StepSweep;
import org.nndl.net.Sgd;

/**
 * One exact SGD step from a mini-batch's summed gradient, handed to the {@link Updater} and
 * refused (the parameters as they were) when the gradient is out of {@link ExactSum}'s range or
 * a result is not finite. The driver takes it after a per-step job ({@link #take}); a fused task
 * takes it on the executor from the batch's one-part sum ({@link #fromPart}), with the same bits.
 * The step writes into a second array of the parameters' size and hands that back, so a refused
 * step costs no copy to undo and a taken one no copy to keep.
 */
final class ExactStep {
  private final Updater updater;
  private final double[] gradSum;
  private final StepSweep seen = new StepSweep();
  private double[] spare;  // the array the next step writes into

  ExactStep(Updater updater, int parameterCount) {
    this.updater = updater;
    this.gradSum = new double[parameterCount];
    this.spare = new double[parameterCount];
  }

  /**
   * Applies the step of sum (over the batch's m samples; n is the training set size) to params
   * in place. Returns false, params as they were, when the sum is invalid or a result not finite.
   */
  boolean take(double[] params, ExactSum sum, int m, Sgd sgd, int n) {
    if (sum.invalid()) return false;
    double[] next = next(params, sum.toDoubles(gradSum), m, sgd, n, Double.POSITIVE_INFINITY);  // the sum checked its range
    if (next == null) return false;
    settle(params, next);
    return true;
  }

  /**
   * The step from the batch's gradient summed in one part (all of its samples in one task):
   * refused as a sum of that one part would be, an entry at or beyond {@link ExactSum#LIMIT} or
   * NaN. Returns the array now holding the parameters (params' twin; params becomes the spare),
   * or null when refused (params untouched).
   */
  double[] fromPart(double[] params, double[] part, int m, Sgd sgd, int n) {
    return next(params, part, m, sgd, n, ExactSum.LIMIT);
  }

  /** Puts the parameters held in current (params or its twin) into params, which holds them from then on. */
  void settle(double[] params, double[] current) {
    if (current == params) return;
    System.arraycopy(current, 0, params, 0, params.length);
    spare = current;
  }

  /**
   * The step written into the spare array, which it returns and trades for params; null when a
   * gradient entry is not below limit in magnitude or a result is not finite.
   */
  private double[] next(double[] params, double[] grad, int m, Sgd sgd, int n, double limit) {
    double[] to = spare;
    updater.apply(params, grad, to, m, sgd, n, seen.reset());
    if (!(seen.largestGradient() < limit) || !seen.resultsFinite()) return null;
    spare = params;
    return to;
  }
}
