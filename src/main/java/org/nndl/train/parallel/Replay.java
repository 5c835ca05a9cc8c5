package org.nndl.train.parallel;

import java.util.ArrayList;
import java.util.List;

/**
 * The driver's copy of a stretch of the parallel plan, kept by replaying each round's total as
 * the {@link RoundHub} hands it to the tasks: the same {@link SyncRule} on the same w and u from
 * the same start, so the copy has the tasks' bits and the tasks need not send their parameters
 * back. At each epoch's last round it keeps that epoch's w, u, model (the rule's
 * {@link TailMean}, or w) and the time it ended.
 */
final class Replay {
  /**
   * An epoch of the stretch as the tasks ended it, w and u where the workers go on from and the
   * epoch's model; diverged: w and u as before the round that did, the model w.
   */
  record EpochEnd(double[] params, double[] velocity, double[] model, long rounds, boolean diverged, long endNanos) {}

  private final SyncRule rule;
  private final long roundsPerEpoch;
  private final double[] w;
  private final double[] u;
  private final double[] wBefore;
  private final double[] uBefore;
  private final TailMean tail;  // or null
  private final List<EpochEnd> ends;
  private long round;  // within the current epoch
  private boolean diverged;

  Replay(SyncRule rule, long roundsPerEpoch, double[] w, double[] u) {
    this.rule = rule;
    this.roundsPerEpoch = roundsPerEpoch;
    this.w = w.clone();
    this.u = u.clone();
    this.wBefore = new double[w.length];
    this.uBefore = new double[u.length];
    this.tail = rule.tailMean() ? new TailMean(roundsPerEpoch, w.length) : null;
    this.ends = new ArrayList<>();
  }

  private Replay(Replay other) {
    this.rule = other.rule;
    this.roundsPerEpoch = other.roundsPerEpoch;
    this.w = other.w.clone();
    this.u = other.u.clone();
    this.wBefore = new double[w.length];
    this.uBefore = new double[u.length];
    this.tail = other.tail == null ? null : other.tail.copy();
    this.ends = new ArrayList<>(other.ends);
    this.round = other.round;
    this.diverged = other.diverged;
  }

  /** A copy for a retried stage, which goes on from the rounds this one replayed. */
  synchronized Replay copy() { return new Replay(this); }

  /** Where a stage attempt that goes on from this replay starts: null at the stretch's start. */
  synchronized RoundHub.Resume resume() {
    long done = diverged ? (ends.size() - 1) * roundsPerEpoch + ends.get(ends.size() - 1).rounds()
        : ends.size() * roundsPerEpoch + round;
    return done == 0 ? null : new RoundHub.Resume(done, w.clone(), u.clone());
  }

  /** A round's total (null: not finite, the tasks stop there); after a divergence nothing more comes. */
  synchronized void total(double[] change) {
    if (diverged) return;
    diverged = change == null || !rule.applyFinite(w, u, change, wBefore, uBefore);
    if (!diverged && tail != null) tail.after(round, w);
    if (!diverged) round++;
    if (diverged || round == roundsPerEpoch) {
      double[] model = tail == null || diverged ? w.clone() : tail.take(w);
      ends.add(new EpochEnd(w.clone(), u.clone(), model, round, diverged, System.nanoTime()));
      round = 0;
    }
  }

  /** The epochs ended so far, in order. */
  synchronized List<EpochEnd> ends() { return List.copyOf(ends); }
}
