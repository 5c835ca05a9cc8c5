package org.nndl.train.parallel;

/**
 * The arithmetic of rounds of local steps: a worker of count samples takes ceil(count / m) steps
 * an epoch, round r being its steps [r K, (r + 1) K) (K the steps per round). Shared by the
 * parallel plan and local SGD ({@code --sync-every K}).
 */
public final class Steps {
  private Steps() {}

  /** ceil(count / m): a worker's mini-batch steps per epoch. */
  public static long of(int count, int m) { return ((long) count + m - 1) / m; }

  /** The first of round r's local steps for a worker with the given steps per epoch. */
  public static long roundStart(long r, long perRound, long steps) { return Math.min(r * perRound, steps); }

  /** The end (exclusive) of round r's local steps. */
  public static long roundEnd(long r, long perRound, long steps) {
    return Math.min(roundStart(r, perRound, steps) + perRound, steps);
  }

  /** c_k: the samples a worker of count samples processes in round r. */
  public static long samplesInRound(int count, int m, long r, long perRound) {
    long steps = of(count, m);
    long from = roundStart(r, perRound, steps) * m;
    return Math.min(roundEnd(r, perRound, steps) * m, count) - Math.min(from, count);
  }

  /** Rounds in an epoch whose longest walk is mostSteps steps: ceil(mostSteps / perRound). */
  public static long rounds(long mostSteps, long perRound) { return (mostSteps + perRound - 1) / perRound; }
}
