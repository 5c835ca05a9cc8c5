package org.nndl.net;

import java.util.SplittableRandom;

/**
 * Project-only shuffles, for randomness the notebook has no counterpart of (each partition's walk
 * in local SGD over several partitions): a permutation that is a pure function of (key, epoch),
 * so a retried Spark task or a resumed run walks the same samples. The notebook's own order, one
 * list shuffled each epoch by numpy, is {@link EpochOrder}.
 */
public final class KeyedShuffle {
  private KeyedShuffle() {}

  /** A Fisher-Yates shuffle of 0..n-1 seeded by (key, epoch). */
  public static int[] permutation(int n, long key, int epoch) {
    // Both inputs go through a strong mix: a plain key*gamma + epoch would make key k+1's
    // stream key k's shifted by one draw (gamma is SplittableRandom's own increment).
    SplittableRandom rnd = new SplittableRandom(mix(key ^ mix(epoch + 0x632BE59BD9B4E019L)));
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
}
