package org.nndl.train;

/**
 * How many steps the next fused task takes: about {@link #TARGET_SECONDS} of work, so that a stop
 * request (checked between tasks) acts within a second and a lost executor loses little. The
 * first task's count comes from the step's arithmetic at a pessimistic speed; each later one from
 * the time the previous task's steps took on its executor. The split never changes the result:
 * a fused step is the per-step path's step wherever the task boundaries fall.
 */
final class StepBudget {
  static final double TARGET_SECONDS = 0.5;
  /** Floating-point operations per second assumed before any task was timed: well below one core's. */
  private static final double PESSIMISTIC_FLOPS = 1e9;
  /** The first task aims at a fifth of the target, in case the machine is slower still. */
  private static final double FIRST_SHARE = 0.2;
  /** A task takes at most this many times the previous one's steps. */
  private static final int GROWTH = 4;

  private int next;

  /** m: the mini-batch size; parameterCount: the network's weights and biases. */
  StepBudget(int m, int parameterCount) {
    double flopsPerStep = 6.0 * parameterCount * m;  // forward 2, backward 4 per weight and sample
    next = clamp(FIRST_SHARE * TARGET_SECONDS * PESSIMISTIC_FLOPS / flopsPerStep, Integer.MAX_VALUE);
  }

  /** The steps of the next task. */
  int next() { return next; }

  /** Learns from a task that took done steps in nanos. */
  void record(int done, long nanos) {
    if (done > 0) next = following(done, nanos);
  }

  /** How many of the same units (steps, or whole epochs) the task after one that took done (> 0) in nanos takes. */
  static int following(int done, long nanos) {
    double each = Math.max(1, nanos) / 1e9 / done;
    return clamp(TARGET_SECONDS / each, (long) done * GROWTH);
  }

  private static int clamp(double steps, long max) {
    return (int) Math.max(1, Math.min(Math.min(steps, max), Integer.MAX_VALUE / 2));
  }
}
