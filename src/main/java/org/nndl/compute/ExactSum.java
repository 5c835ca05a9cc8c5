package org.nndl.compute;

import java.io.Serializable;
import java.util.Arrays;

/**
 * A sum of double vectors that gives the same bits whatever order its parts are added in.
 * {@code treeAggregate} merges partitions in the order their tasks finish, and floating-point
 * addition is not associative, so a plain double sum would differ from run to run. Each value
 * is held instead as a 128-bit fixed-point number (two longs, units of 2^-32 and 2^-84), whose
 * integer additions are associative; the double is formed once, at the end.
 * Magnitudes up to 2^31 are exact to 2^-84; beyond that (or NaN) the sum is marked invalid: an
 * added value, or a running total (hi[] would wrap), out of range. lo[] is kept below one unit of
 * hi[] after every addition, so it cannot wrap however many values are added.
 */
public final class ExactSum implements Serializable, Mergeable<ExactSum> {
  private static final double HI_UNIT = 0x1p32;   // hi counts units of 2^-32
  private static final double LO_UNIT = 0x1p52;   // lo counts units of 2^-84 (= 2^-32 / 2^52)
  /** The magnitude from which a value is refused: a part with an entry at or beyond it (or NaN) makes the sum invalid. */
  public static final double LIMIT = 0x1p31;
  private static final long LO_ONE = 1L << 52;   // lo units in one hi unit

  private long[] hi;
  private long[] lo;
  private boolean exact;    // hi and lo hold the sum (they may be allocated and stale otherwise)
  private double[] single;  // the one part added so far: the sum of one part is that part
  private transient double[] spare;  // single's last array, reused by the next first part (never shipped)
  private boolean invalid;

  /** An empty sum; its arrays are made where it is first used, so none ship in a task closure. */
  public ExactSum() {}

  public boolean isEmpty() { return !exact && single == null; }

  /** True when an added value was NaN, infinite or beyond 2^31 in magnitude, or the total went beyond 2^31. */
  public boolean invalid() { return invalid; }

  /** Empties the sum for reuse (its arrays stay): the same as a new one, without the allocation. */
  public ExactSum clear() {
    exact = false;
    release();
    invalid = false;
    return this;
  }

  /**
   * Adds v element by element. The first part is kept as it is (a sum of one part is that part,
   * bit for bit, which costs a copy instead of the fixed-point conversion); from the second on,
   * every part is held exactly up to 2^-84.
   */
  public ExactSum add(double[] v) {
    if (isEmpty()) {
      single = spare != null && spare.length == v.length ? spare : new double[v.length];
      spare = null;
      System.arraycopy(v, 0, single, 0, v.length);
      for (double x : single) if (!(Math.abs(x) < LIMIT)) invalid = true;
      return this;
    }
    toFixedPoint(v.length);
    addFixed(v);
    return this;
  }

  /** From here on the sum is held in hi and lo: the single part, if any, moves there. */
  private void toFixedPoint(int length) {
    if (exact) return;
    if (hi == null || hi.length != length) { hi = new long[length]; lo = new long[length]; }
    else { Arrays.fill(hi, 0L); Arrays.fill(lo, 0L); }
    exact = true;
    if (single != null) {
      addFixed(single);
      release();
    }
  }

  /** Drops the single part, keeping its array for the next. */
  private void release() {
    if (single != null) spare = single;
    single = null;
  }

  private void addFixed(double[] v) {
    for (int i = 0; i < v.length; i++) {
      double x = v[i];
      if (x == 0.0) continue;  // most weight gradients: pixels that are 0 in every sample
      if (!(Math.abs(x) < LIMIT)) { invalid = true; continue; }
      double scaled = x * HI_UNIT;                 // exact: a power-of-two scale
      long whole = (long) scaled;                  // truncation; the next line makes it floor
      if (whole > scaled) whole--;
      // the fraction is exact; rounding below 2^-84 (it may round up to one whole unit)
      addAt(i, whole, (long) ((scaled - whole) * LO_UNIT + 0.5));
    }
  }

  /** hi[i] += whole, lo[i] += fraction (0 <= fraction <= LO_ONE), carrying lo's whole unit; a wrap of hi marks the sum invalid. */
  private void addAt(int i, long whole, long fraction) {
    long l = lo[i] + fraction;  // both in [0, 2^52]: no wrap
    if (l >= LO_ONE) { l -= LO_ONE; whole = plus(whole, 1); }
    lo[i] = l;
    hi[i] = plus(hi[i], whole);
  }

  /** a + b, marking the sum invalid when it wraps (beyond 2^31 in magnitude). */
  private long plus(long a, long b) {
    long s = a + b;
    if (((a ^ s) & (b ^ s)) < 0) invalid = true;  // both operands' sign differs from the result's
    return s;
  }

  /**
   * Adds another sum into this one (integer additions: order-independent; a sum of one part is
   * that part whichever sum held it). An empty sum takes over the other's arrays instead of
   * copying them, so other must not be used afterwards (true of the partial results a job hands
   * back, which are fresh deserialized copies).
   */
  @Override
  public ExactSum merge(ExactSum other) {
    invalid |= other.invalid;
    if (other.isEmpty()) return this;
    if (isEmpty()) {
      exact = other.exact;
      hi = other.hi;
      lo = other.lo;
      single = other.single;
      return this;
    }
    int length = other.single != null ? other.single.length : other.hi.length;
    toFixedPoint(length);
    if (other.single != null) addFixed(other.single);
    else for (int i = 0; i < hi.length; i++) addAt(i, other.hi[i], other.lo[i]);
    return this;
  }

  /** The length of the summed vectors (0 when nothing was added). */
  public int length() { return single != null ? single.length : exact ? hi.length : 0; }

  /** The sum in a compact binary form ({@link #fromBytes}), for a channel that carries bytes. */
  public byte[] toBytes() {
    int n = length();
    java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(6 + n * (single != null ? 8 : exact ? 16 : 0));
    b.put((byte) (single != null ? 1 : exact ? 2 : 0)).put((byte) (invalid ? 1 : 0)).putInt(n);
    if (single != null) b.asDoubleBuffer().put(single);
    else if (exact) {
      b.asLongBuffer().put(hi);
      b.position(6 + n * 8);
      b.asLongBuffer().put(lo);
    }
    return b.array();
  }

  /** A sum from {@link #toBytes}. */
  public static ExactSum fromBytes(byte[] bytes) {
    java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(bytes);
    ExactSum s = new ExactSum();
    byte kind = b.get();
    s.invalid = b.get() == 1;
    int n = b.getInt();
    if (kind == 1) {
      s.single = new double[n];
      b.asDoubleBuffer().get(s.single);
    } else if (kind == 2) {
      s.exact = true;
      s.hi = new long[n];
      s.lo = new long[n];
      b.asLongBuffer().get(s.hi);
      b.position(6 + n * 8);
      b.asLongBuffer().get(s.lo);
    }
    return s;
  }

  /** The sums as doubles, written into out (zeros when nothing was added). */
  public double[] toDoubles(double[] out) {
    if (single != null) { System.arraycopy(single, 0, out, 0, out.length); return out; }
    if (!exact) { Arrays.fill(out, 0.0); return out; }
    for (int i = 0; i < out.length; i++) {
      out[i] = hi[i] == 0 && lo[i] == 0 ? 0.0 : hi[i] / HI_UNIT + lo[i] / (HI_UNIT * LO_UNIT);
    }
    return out;
  }
}
