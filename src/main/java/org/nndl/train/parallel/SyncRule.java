package org.nndl.train.parallel;

import java.io.Serializable;
import java.util.Locale;
import org.nndl.train.Optimizer;

/**
 * How the workers' rounds are combined. Each round every worker takes up to K local steps from
 * the shared parameters w at localRate x eta; the mean change is
 * Delta = sum_k (c_k / sum c) (w_k - w), c_k the samples worker k walked. The rule keeps an
 * outer velocity u (SlowMo, Wang et al. 2020):
 *
 * <pre>  u <- beta u + Delta,   w <- w + u                 (heavy ball)
 *  u <- beta u + Delta,   w <- w + beta u + Delta     (Nesterov)</pre>
 *
 * beta = 0 and localRate = 1 is plain model averaging (local SGD). Averaging N models that each
 * moved by eta gives about 1/N of sequential SGD's progress per sample in the directions where
 * the loss is flat; there the velocity sums 1/(1 - beta) rounds' changes, and the workers' own
 * rate multiplies each, while in a direction where every worker already reached the bottom
 * (Delta = the whole distance) the outer momentum stays stable for any beta < 1. An amplification
 * localRate / (1 - beta) = N gives back sequential SGD's progress per sample where the change is
 * the same round after round; {@link #auto} gives 1.5 N, as measured in docs/scaling.md.
 *
 * @param stepsPerRound K, local steps of each worker between combinations (>= 1)
 * @param outerMomentum beta in [0, 1)
 * @param localRate the workers' learning rate over the run's eta (> 0)
 * @param nesterov Nesterov's form of the outer momentum instead of the heavy ball
 * @param tailMean an epoch's model is the mean of its last half of rounds ({@link TailMean}),
 *     not the last w
 */
public record SyncRule(long stepsPerRound, double outerMomentum, double localRate, boolean nesterov, boolean tailMean)
    implements Serializable {
  /** The highest learning rate {@link #auto} gives the workers' own steps (the book's 0.5 is stable, 1.0 still learns). */
  static final double LOCAL_ETA_CAP = 1.0;

  /**
   * The choices behind {@link #auto}, and the variants docs/scaling.md measures it against.
   *
   * @param roundSamples the samples all workers walk together in a round
   * @param nesterov Nesterov's form of the outer momentum instead of the heavy ball
   * @param tailMean an epoch's model is the mean of its last half of rounds
   * @param localShare the workers' own rate is eta N^localShare
   * @param amplification the rate the outer momentum and the workers give together, over N
   *     (eta_local / (1 - beta) = amplification x N)
   */
  public record Design(int roundSamples, boolean nesterov, boolean tailMean, double localShare, double amplification)
      implements Serializable {
    /** {@code --sync-every auto}'s: rounds of 2,400 samples, Nesterov, the tail mean, eta sqrt(N), 1.5 N. */
    public static final Design AUTO = new Design(2400, true, true, 0.5, 1.5);

    public Design {
      if (roundSamples < 1) throw new IllegalArgumentException("round samples " + roundSamples);
      if (!(localShare >= 0 && localShare <= 1)) throw new IllegalArgumentException("local share " + localShare);
      if (!(amplification >= 1 && amplification <= 4)) throw new IllegalArgumentException("amplification " + amplification);
    }
  }

  public SyncRule {
    if (stepsPerRound < 1) throw new IllegalArgumentException("steps per round " + stepsPerRound);
    if (!(outerMomentum >= 0 && outerMomentum < 1)) throw new IllegalArgumentException("outer momentum " + outerMomentum);
    if (!(localRate > 0) || !Double.isFinite(localRate)) throw new IllegalArgumentException("local rate " + localRate);
  }

  /** A rule whose epochs end at the last w. */
  public SyncRule(long stepsPerRound, double outerMomentum, double localRate, boolean nesterov) {
    this(stepsPerRound, outerMomentum, localRate, nesterov, false);
  }

  /** Heavy-ball outer momentum beta, workers at the run's eta. */
  public static SyncRule heavyBall(long k, double beta) { return new SyncRule(k, beta, 1, false); }

  /**
   * The recommended rule for N workers at mini-batches of m and learning rate eta
   * ({@code --sync-every auto}, {@link Design#AUTO}): an amplification of 1.5 N split between the
   * workers' own rate, eta sqrt(N) (at most {@link #LOCAL_ETA_CAP}, never below eta), and
   * Nesterov's outer momentum 1 - (that factor) / (1.5 N); rounds in which all workers together
   * walk about 2,400 samples: K = ceil(2400 / (N m)); an epoch's model the mean of its last half
   * of rounds. The measurements behind the choice, against the alternatives, are in
   * docs/scaling.md.
   */
  public static SyncRule auto(int workers, int m, double eta) {
    return auto(workers, m, eta, Design.AUTO);
  }

  /** {@link #auto}'s rule by another design: a variant to measure it against. */
  public static SyncRule auto(int workers, int m, double eta, Design d) {
    long k = Math.max(1, (d.roundSamples() + (long) workers * m - 1) / ((long) workers * m));
    double share = d.localShare() == 0.5 ? Math.sqrt(workers) : Math.pow(workers, d.localShare());  // sqrt: correctly rounded
    double local = Math.max(1, Math.min(share, LOCAL_ETA_CAP / eta));
    return new SyncRule(k, 1 - local / (d.amplification() * workers), local, d.nesterov(), d.tailMean());
  }

  /** Plain model averaging (local SGD) every K steps: no outer momentum, workers at eta. */
  public static SyncRule averaging(long k) { return new SyncRule(k, 0, 1, false); }

  /** The rule in words, for the plan line. */
  public String text() {
    return String.format(Locale.ROOT, "rounds of %d local steps at %.3g x eta, %s outer momentum %.3g%s", stepsPerRound,
        localRate, nesterov ? "Nesterov" : "heavy-ball", outerMomentum, tailMean ? ", each epoch's model the mean of its last half of rounds" : "");
  }

  /**
   * {@link #apply}, unless a result is not finite: then w and u stay as they were (wBefore and
   * uBefore: scratch of w's length). Returns whether the change was applied. The tasks and the
   * driver's {@link Replay} both take each round through it, so they hold the same bits.
   */
  public boolean applyFinite(double[] w, double[] u, double[] meanChange, double[] wBefore, double[] uBefore) {
    System.arraycopy(u, 0, uBefore, 0, u.length);
    if (Optimizer.finiteOrUndone(w, wBefore, x -> apply(x, u, meanChange))) return true;
    System.arraycopy(uBefore, 0, u, 0, u.length);
    return false;
  }

  /** Applies one round's mean change to w in place, through the velocity u (updated in place). */
  public void apply(double[] w, double[] u, double[] meanChange) {
    for (int i = 0; i < w.length; i++) {
      u[i] = outerMomentum * u[i] + meanChange[i];
      w[i] += nesterov ? outerMomentum * u[i] + meanChange[i] : u[i];
    }
  }
}
