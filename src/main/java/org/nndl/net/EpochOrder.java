package org.nndl.net;

import java.util.SplittableRandom;

/**
 * The order in which an epoch visits the training set: a permutation drawn from (seed, epoch)
 * alone, so the driver, the reference and a resumed run all see the same mini-batches.
 */
public final class EpochOrder {
  private EpochOrder() {}

  /** A Fisher-Yates shuffle of 0..n-1 seeded by (seed, epoch). */
  public static int[] permutation(int n, long seed, int epoch) {
    SplittableRandom rnd = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + epoch);
    int[] p = new int[n];
    for (int i = 0; i < n; i++) p[i] = i;
    for (int i = n - 1; i > 0; i--) {
      int j = rnd.nextInt(i + 1);
      int t = p[i]; p[i] = p[j]; p[j] = t;
    }
    return p;
  }

  /** Number of mini-batches of size m over n samples (the last one may be shorter). */
  public static int batches(int n, int m) { return (n + m - 1) / m; }
}
