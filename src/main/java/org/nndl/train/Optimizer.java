package org.nndl.train;

import java.util.function.BooleanSupplier;
import org.nndl.net.Sgd;

/**
 * One epoch of training on parameters held by the driver: the exact per-step loop
 * ({@link GradientDescent}) or local SGD with periodic averaging ({@link LocalSgd}), so the
 * trainer can use either.
 */
public interface Optimizer {
  /**
   * Runs epoch number {@code epoch} (from 1) on params in place with the step rule sgd. Checks
   * stop between jobs; on a non-finite result it keeps params as they were before that job and
   * reports divergence.
   */
  EpochOutcome epoch(double[] params, long seed, int epoch, Sgd sgd, BooleanSupplier stop);

  /** The state beyond the parameters that a checkpoint must keep (momentum's velocity), or null. */
  default double[] state() { return null; }

  /** Restores {@link #state()} from a checkpoint. */
  default void restore(double[] state) {}

  /** True when every parameter is a finite number: a step that breaks this is undone. */
  static boolean allFinite(double[] a) {
    for (double v : a) if (!Double.isFinite(v)) return false;
    return true;
  }
}
