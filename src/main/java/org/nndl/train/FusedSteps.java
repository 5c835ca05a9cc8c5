package org.nndl.train;

import java.io.Serializable;
import org.nndl.compute.Mergeable;

/**
 * What a fused task hands back: the parameters (and momentum's velocity, or null) after its last
 * good step, how many steps it took, whether the next one diverged, and the time its steps took.
 * A job of one partition has one of these, so merging takes the task's over the empty start.
 * (A plain class, not a record: Spark's Kryo cannot rebuild records.)
 */
final class FusedSteps implements Serializable, Mergeable<FusedSteps> {
  double[] params;
  double[] velocity;
  int done;
  boolean diverged;
  long nanos;

  FusedSteps() {}

  FusedSteps(double[] params, double[] velocity, int done, boolean diverged, long nanos) {
    this.params = params;
    this.velocity = velocity;
    this.done = done;
    this.diverged = diverged;
    this.nanos = nanos;
  }

  @Override
  public FusedSteps merge(FusedSteps task) {
    if (params != null) throw new IllegalStateException("a fused job runs on one partition");
    params = task.params;
    velocity = task.velocity;
    done = task.done;
    diverged = task.diverged;
    nanos = task.nanos;
    return this;
  }
}
