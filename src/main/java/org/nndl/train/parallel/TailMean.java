package org.nndl.train.parallel;

import java.util.Arrays;

/**
 * The model an epoch of the parallel plan hands on: the mean of w after each of the epoch's last
 * ceil(R/2) rounds (R its rounds), while the workers go on from the last w. Averaging the
 * iterates of a stretch of SGD at a constant rate (Polyak and Juditsky 1992; stochastic weight
 * averaging, Izmailov et al. 2018) evens out the noise the last steps add; docs/scaling.md
 * measures it against the last w. The sum runs in round order, so whoever feeds the same rounds
 * (the driver's {@link Replay}, an in-process run) gets the same bits.
 */
public final class TailMean {
  private final long from;  // the first round averaged, from 0
  private final double[] sum;
  private long count;

  public TailMean(long roundsPerEpoch, int length) {
    this.from = roundsPerEpoch - (roundsPerEpoch + 1) / 2;
    this.sum = new double[length];
  }

  private TailMean(TailMean other) {
    this.from = other.from;
    this.sum = other.sum.clone();
    this.count = other.count;
  }

  /** A copy that goes on independently (a retried stage's replay). */
  TailMean copy() { return new TailMean(this); }

  /** w as round number round (from 0) of the epoch left it. */
  public void after(long round, double[] w) {
    if (round < from) return;
    for (int i = 0; i < w.length; i++) sum[i] += w[i];
    count++;
  }

  /** The mean of the rounds fed since the last take (a copy of w when none were); starts the next epoch's. */
  public double[] take(double[] w) {
    if (count == 0) return w.clone();
    double[] mean = new double[sum.length];
    for (int i = 0; i < mean.length; i++) mean[i] = sum[i] / count;
    Arrays.fill(sum, 0.0);
    count = 0;
    return mean;
  }
}
