package org.nndl.net;

import static org.nndl.net.ZigguratTables.FI;
import static org.nndl.net.ZigguratTables.KI;
import static org.nndl.net.ZigguratTables.NOR_INV_R;
import static org.nndl.net.ZigguratTables.NOR_R;
import static org.nndl.net.ZigguratTables.WI;

/**
 * What the chapter-3 notebook draws from {@code rng = np.random.default_rng(seed)}: normals for
 * the initial weights and a shuffle of the training list each epoch, equal to numpy's bit for bit
 * (tested against vectors numpy wrote, src/test/python/numpy_vectors.py). Follows
 * numpy/random/src/distributions/distributions.c ({@code random_standard_normal},
 * {@code random_normal}, {@code random_interval}) and _generator.pyx ({@code Generator.shuffle}).
 *
 * <p>One caveat, also numpy's across platforms: about 1 draw in 100 is decided by comparing with
 * exp or log1p, computed here by StrictMath (fdlibm) and in numpy by the C library; both are
 * within an ulp, so a result could differ only when the compared values are closer than that.
 */
public final class NumpyRandom {
  private final Pcg64 bits;

  private NumpyRandom(Pcg64 bits) { this.bits = bits; }

  /** np.random.default_rng(seed), the seed read as an unsigned 64-bit integer (numpy takes 0..2^64-1 here). */
  public static NumpyRandom defaultRng(long seed) { return new NumpyRandom(new Pcg64(seed)); }

  /** Generator.standard_normal(): numpy's ziggurat (256 layers, Marsaglia-Tsang tail). */
  public double standardNormal() {
    for (;;) {
      long r = bits.nextLong();
      int idx = (int) (r & 0xff);
      r >>>= 8;
      long rabs = (r >>> 1) & 0x000fffffffffffffL;
      double x = rabs * WI[idx];
      if ((r & 1) != 0) x = -x;
      if (rabs < KI[idx]) return x;  // inside the layer's rectangle: 99.3% of draws
      if (idx == 0) return tail(rabs);
      if ((FI[idx - 1] - FI[idx]) * bits.nextDouble() + FI[idx] < StrictMath.exp(-0.5 * x * x)) return x;
    }
  }

  /** Beyond r: Marsaglia's tail method; bit 8 of the first draw's 52 bits gives the sign. */
  private double tail(long rabs) {
    for (;;) {
      double xx = -NOR_INV_R * StrictMath.log1p(-bits.nextDouble());
      double yy = -StrictMath.log1p(-bits.nextDouble());
      if (yy + yy > xx * xx) return ((rabs >>> 8) & 1) != 0 ? -(NOR_R + xx) : NOR_R + xx;
    }
  }

  /** Generator.normal(loc, scale): loc + scale * standard_normal(). */
  public double normal(double loc, double scale) { return loc + scale * standardNormal(); }

  /**
   * random_interval(max): uniform in [0, max] by masked rejection: the smallest all-ones mask
   * covering max, then 32-bit draws (64-bit when max needs them) until one is at most max.
   */
  long interval(long max) {
    if (max == 0) return 0;
    long mask = max;
    mask |= mask >>> 1;
    mask |= mask >>> 2;
    mask |= mask >>> 4;
    mask |= mask >>> 8;
    mask |= mask >>> 16;
    mask |= mask >>> 32;
    long value;
    if (Long.compareUnsigned(max, 0xffffffffL) <= 0) {
      do value = bits.nextInt() & mask; while (value > max);
    } else {
      do value = bits.nextLong() & mask; while (Long.compareUnsigned(value, max) > 0);
    }
    return value;
  }

  /** Generator.shuffle(x) on a list, in place: for i = n-1 down to 1, swap x[i] with x[random_interval(i)]. */
  public void shuffle(int[] x) {
    for (int i = x.length - 1; i > 0; i--) {
      int j = (int) interval(i);
      int t = x[i];
      x[i] = x[j];
      x[j] = t;
    }
  }
}
