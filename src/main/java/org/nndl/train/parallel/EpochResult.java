package org.nndl.train.parallel;

import java.io.Serializable;

/**
 * What the barrier stage's first task hands back after an epoch: w and the outer velocity u, the
 * rounds combined, whether the next one diverged, and the task's time. (A plain class, not a
 * record: Spark's Kryo cannot rebuild records.)
 */
final class EpochResult implements Serializable {
  double[] params;
  double[] velocity;
  long rounds;
  boolean diverged;
  long nanos;

  EpochResult() {}

  EpochResult(double[] params, double[] velocity, long rounds, boolean diverged, long nanos) {
    this.params = params;
    this.velocity = velocity;
    this.rounds = rounds;
    this.diverged = diverged;
    this.nanos = nanos;
  }
}
