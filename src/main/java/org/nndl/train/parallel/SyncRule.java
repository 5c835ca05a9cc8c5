package org.nndl.train.parallel;

import java.io.Serializable;

/**
 * How the workers' rounds are combined. Each round every worker takes up to K local steps from
 * the shared parameters w; the mean change is Delta = sum_k (c_k / sum c) (w_k - w), c_k the
 * samples worker k walked. The rule keeps an outer velocity u (SlowMo, Wang et al. 2020):
 *
 * <pre>  u <- beta u + Delta,   w <- w + u</pre>
 *
 * beta = 0 is plain model averaging (local SGD). Averaging N models that each moved by eta gives
 * about 1/N of sequential SGD's progress per sample in the directions where the loss is flat;
 * the velocity sums the rounds' changes there, 1/(1 - beta) of them, while in a direction where
 * every worker already reached the bottom (Delta = the whole distance) heavy-ball momentum stays
 * stable for any beta < 1. beta = 1 - 1/N gives back N times the mean change: sequential SGD's
 * progress per sample.
 *
 * @param stepsPerRound K, local steps of each worker between combinations (>= 1)
 * @param outerMomentum beta in [0, 1)
 */
public record SyncRule(long stepsPerRound, double outerMomentum, double outerRate, double localRate) implements Serializable {
  public SyncRule(long stepsPerRound, double outerMomentum, double outerRate) {
    this(stepsPerRound, outerMomentum, outerRate, 1);
  }

  public SyncRule {
    if (stepsPerRound < 1) throw new IllegalArgumentException("steps per round " + stepsPerRound);
    if (!(outerMomentum >= 0 && outerMomentum < 1)) throw new IllegalArgumentException("outer momentum " + outerMomentum);
  }

  /** The samples all workers walk in a round of {@link #auto}: N K m, about 4,800. */
  static final int AUTO_ROUND_SAMPLES = 4800;
  /** The highest learning rate {@link #auto} gives the workers' own steps (the book's 0.5 is stable, 1.0 still learns). */
  static final double LOCAL_ETA_CAP = 1.0;

  /**
   * The recommended rule for N workers at mini-batches of m and learning rate eta
   * ({@code --sync-every auto}). Sequential SGD's progress per sample is kept by an amplification
   * of N split between the workers' own rate and the outer momentum: the workers step at
   * eta sqrt(N) (at most {@link #LOCAL_ETA_CAP}, never below eta), and the outer momentum is
   * 1 - (that factor) / N, which sums 1/(1 - beta) rounds' changes in the flat directions.
   * Rounds are about {@link #AUTO_ROUND_SAMPLES} samples of all workers together:
   * K = ceil(4800 / (N m)). The figures behind the choice are in docs/scaling.md.
   */
  public static SyncRule auto(int workers, int m, double eta) {
    long k = Math.max(1, (AUTO_ROUND_SAMPLES + (long) workers * m - 1) / ((long) workers * m));
    double local = Math.max(1, Math.min(Math.sqrt(workers), LOCAL_ETA_CAP / eta));
    return new SyncRule(k, 1 - local / workers, 1, local);
  }

  /** Plain model averaging every K steps. */
  public static SyncRule averaging(long k) { return new SyncRule(k, 0, 1); }

  /** The rule in words, for the plan line. */
  public String text() {
    return String.format(java.util.Locale.ROOT, "rounds of %d local steps at %.3g x eta, outer momentum %.3g",
        stepsPerRound, localRate, outerMomentum) + (outerRate == 1 ? "" : String.format(java.util.Locale.ROOT, ", outer rate %.3g", outerRate));
  }

  /** Applies one round's mean change to w in place, through the velocity u (updated in place). */
  public void apply(double[] w, double[] u, double[] meanChange) {
    for (int i = 0; i < w.length; i++) {
      u[i] = outerMomentum * u[i] + meanChange[i];
      w[i] += outerRate * u[i];
    }
  }
}
