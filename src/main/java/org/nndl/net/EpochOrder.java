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
    // Both inputs go through a strong mix: a plain seed*gamma + epoch would make seed s+1's
    // stream seed s's shifted by one draw (gamma is SplittableRandom's own increment).
    SplittableRandom rnd = new SplittableRandom(mix(seed ^ mix(epoch + 0x632BE59BD9B4E019L)));
    int[] p = new int[n];
    for (int i = 0; i < n; i++) p[i] = i;
    for (int i = n - 1; i > 0; i--) {
      int j = rnd.nextInt(i + 1);
      int t = p[i]; p[i] = p[j]; p[j] = t;
    }
    return p;
  }

  /** David Stafford's 64-bit finaliser (SplitMix64's), a bijection that scatters nearby inputs. */
  static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  /** Number of mini-batches of size m over n samples (the last one may be shorter). */
  public static int batches(int n, int m) { return (n + m - 1) / m; }
}
