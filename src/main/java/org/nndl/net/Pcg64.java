package org.nndl.net;

/**
 * numpy's PCG64 bit generator: a 128-bit LCG with the XSL-RR output function, 64 bits a draw,
 * and the buffered 32-bit draw numpy's bounded integers use. Follows
 * numpy/random/src/pcg64/pcg64.h ({@code pcg_setseq_128_srandom_r},
 * {@code pcg_setseq_128_xsl_rr_64_random_r}, {@code pcg64_next32}), pcg64.c
 * ({@code pcg64_set_seed}) and _pcg64.pyx (seeded from {@code SeedSequence.generate_state(4, uint64)}).
 * The 128-bit numbers are held as (high, low) longs read as unsigned.
 */
final class Pcg64 {
  /** PCG_DEFAULT_MULTIPLIER_128. */
  private static final long MULT_HIGH = 2549297995355413924L;
  private static final long MULT_LOW = 4865540595714422341L;

  private long high, low;          // the state
  private final long incHigh, incLow;
  private boolean hasUint32;       // the upper half of the last 64-bit draw is waiting
  private int uinteger;

  /** PCG64(SeedSequence(seed)), as np.random.default_rng(seed) builds it; seed read as unsigned. */
  Pcg64(long seed) {
    long[] words = new SeedSequence(seed).generateState64(4);
    // pcg_setseq_128_srandom_r(initstate = words[0..1], initseq = words[2..3]), high word first
    incHigh = (words[2] << 1) | (words[3] >>> 63);
    incLow = (words[3] << 1) | 1;
    step();
    long sum = low + words[1];
    high += words[0] + (Long.compareUnsigned(sum, low) < 0 ? 1 : 0);
    low = sum;
    step();
  }

  /** state = state * MULT + inc (mod 2^128). */
  private void step() {
    long productHigh = unsignedMultiplyHigh(low, MULT_LOW) + low * MULT_HIGH + high * MULT_LOW;
    long productLow = low * MULT_LOW;
    low = productLow + incLow;
    high = productHigh + incHigh + (Long.compareUnsigned(low, productLow) < 0 ? 1 : 0);
  }

  /** The high 64 bits of the unsigned 128-bit product (Math.unsignedMultiplyHigh is Java 18). */
  private static long unsignedMultiplyHigh(long x, long y) {
    return Math.multiplyHigh(x, y) + ((x >> 63) & y) + ((y >> 63) & x);
  }

  /** next_uint64: step, then XSL-RR: (high ^ low) rotated right by the state's top 6 bits. */
  long nextLong() {
    step();
    return Long.rotateRight(high ^ low, (int) (high >>> 58));
  }

  /** next_uint32: the low half of a 64-bit draw, the high half kept for the next call. */
  int nextInt() {
    if (hasUint32) {
      hasUint32 = false;
      return uinteger;
    }
    long next = nextLong();
    hasUint32 = true;
    uinteger = (int) (next >>> 32);
    return (int) next;
  }

  /** next_double: the top 53 bits of a 64-bit draw times 2^-53, in [0, 1). */
  double nextDouble() { return (nextLong() >>> 11) * (1.0 / 9007199254740992.0); }
}
