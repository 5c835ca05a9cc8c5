package org.nndl.net;

/**
 * numpy's {@code SeedSequence(entropy)} for one non-negative integer below 2^64, no spawn key,
 * the default pool of four 32-bit words: what {@code np.random.default_rng(seed)} feeds PCG64.
 * Follows numpy/random/bit_generator.pyx ({@code _int_to_uint32_array}, {@code hashmix},
 * {@code mix}, {@code mix_entropy}, {@code generate_state}); all arithmetic is on uint32.
 */
final class SeedSequence {
  private static final int POOL_SIZE = 4;
  private static final int INIT_A = 0x43b0d7e5;
  private static final int MULT_A = 0x931e8875;
  private static final int INIT_B = 0x8b51f9dd;
  private static final int MULT_B = 0x58f38ded;
  private static final int MIX_MULT_L = 0xca01f9dd;
  private static final int MIX_MULT_R = 0x4973f715;
  private static final int XSHIFT = 16;

  private final int[] pool = new int[POOL_SIZE];
  private int hashConst = INIT_A;

  /** The sequence of seed, read as an unsigned 64-bit integer (so 2^63 + k is the long MIN_VALUE + k). */
  SeedSequence(long seed) {
    int[] entropy = words(seed);
    for (int i = 0; i < POOL_SIZE; i++) pool[i] = hashmix(i < entropy.length ? entropy[i] : 0);
    for (int src = 0; src < POOL_SIZE; src++) {
      for (int dst = 0; dst < POOL_SIZE; dst++) {
        if (src != dst) pool[dst] = mix(pool[dst], hashmix(pool[src]));
      }
    }
    // numpy then mixes in entropy words beyond the pool: a 64-bit seed has at most two.
  }

  /** _int_to_uint32_array: the seed's 32-bit words, lowest first; 0 is one word. */
  private static int[] words(long seed) {
    return (seed >>> 32) == 0 ? new int[] {(int) seed} : new int[] {(int) seed, (int) (seed >>> 32)};
  }

  private int hashmix(int value) {
    value ^= hashConst;
    hashConst *= MULT_A;
    value *= hashConst;
    return value ^ (value >>> XSHIFT);
  }

  private static int mix(int x, int y) {
    int result = MIX_MULT_L * x - MIX_MULT_R * y;
    return result ^ (result >>> XSHIFT);
  }

  /** generate_state(n, np.uint64): 2n words from the pool, read in little-endian pairs. */
  long[] generateState64(int n) {
    long[] out = new long[n];
    int h = INIT_B;
    for (int i = 0; i < 2 * n; i++) {
      int v = pool[i % POOL_SIZE];
      v ^= h;
      h *= MULT_B;
      v *= h;
      v ^= v >>> XSHIFT;
      out[i / 2] |= (v & 0xFFFFFFFFL) << (32 * (i % 2));
    }
    return out;
  }
}
