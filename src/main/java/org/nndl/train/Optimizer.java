package org.nndl.train;

import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
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

  /**
   * Applies change to params in place and returns true when every result is finite; otherwise
   * restores params from before the change (through scratch, of params' length) and returns false.
   */
  static boolean finiteOrUndone(double[] params, double[] scratch, Consumer<double[]> change) {
    System.arraycopy(params, 0, scratch, 0, params.length);
    change.accept(params);
    if (allFinite(params)) return true;
    System.arraycopy(scratch, 0, params, 0, params.length);
    return false;
  }

  /** True when every parameter is a finite number: a step that breaks this is undone. */
  static boolean allFinite(double[] a) {
    for (double v : a) if (!Double.isFinite(v)) return false;
    return true;
  }
}
