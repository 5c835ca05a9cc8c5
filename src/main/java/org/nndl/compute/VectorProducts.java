package org.nndl.compute;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link Products}' two big products with the Vector API, for layers of at least one vector of
 * rows. The rows are cut into blocks of LANES (the last block shifted back to end at the last row,
 * overlapping the one before), and the samples into groups of GROUP: one pass down the inner
 * index streams a block of W (or of nabla_w) once for the whole group, GROUP accumulators in
 * registers. A group short of GROUP samples is padded with the all-zero column, which adds
 * nothing. Loaded only when the JVM has {@code jdk.incubator.vector}.
 *
 * <p>The species is {@code SPECIES_MAX}, the one Spark's own BLAS (netlib's VectorBLAS, behind
 * MLlib's MultilayerPerceptronClassifier and others) uses, not {@code SPECIES_PREFERRED}: both
 * are the widest vector on x86, but each is its own class (DoubleMaxVector, Double512Vector), and
 * the Vector API's shared methods keep one type profile for all callers. Once MLlib had run in
 * the JVM with the other class, C2 no longer proved these products' vectors of one class, lost the
 * intrinsics and boxed every vector: an m = 10 epoch at [784,30,10] took 2.2-2.7 s instead of
 * 0.5 s (docs/spark-ml.md). With one class in the JVM the profiles stay monomorphic.
 */
final class VectorProducts {
  private static final VectorSpecies<Double> S = DoubleVector.SPECIES_MAX;
  private static final int L = S.length();
  /** Samples per pass over W: m = 10, the book's mini-batch, in one. */
  static final int GROUP = 10;

  private VectorProducts() {}

  static int lanes() { return L; }

  static VectorSpecies<Double> species() { return S; }

  /** First row of block b of a layer of rows (>= L) rows. */
  private static int blockStart(int b, int rows) { return Math.min(b * L, rows - L); }

  private static int blocks(int rows) { return (rows + L - 1) / L; }

  /** Column offset of sample slot u of the group at c0: a real column, or the zero column past k. */
  private static int column(int c0, int u, int k, int zero, int stride) { return (c0 + u < k ? c0 + u : zero) * stride; }

  static void affine(double[] w, int wo, int bo, int rows, int inner, double[] x, int k, int zero, double[] z) {
    for (int c0 = 0; c0 < k; c0 += GROUP) {
      int o0 = column(c0, 0, k, zero, inner), o1 = column(c0, 1, k, zero, inner), o2 = column(c0, 2, k, zero, inner),
          o3 = column(c0, 3, k, zero, inner), o4 = column(c0, 4, k, zero, inner), o5 = column(c0, 5, k, zero, inner),
          o6 = column(c0, 6, k, zero, inner), o7 = column(c0, 7, k, zero, inner), o8 = column(c0, 8, k, zero, inner),
          o9 = column(c0, 9, k, zero, inner);
      for (int b = 0; b < blocks(rows); b++) {
        int j0 = blockStart(b, rows);
        DoubleVector bias = DoubleVector.fromArray(S, w, bo + j0);
        DoubleVector z0 = bias, z1 = bias, z2 = bias, z3 = bias, z4 = bias, z5 = bias, z6 = bias, z7 = bias,
            z8 = bias, z9 = bias;
        for (int i = 0, at = wo + j0; i < inner; i++, at += rows) {
          DoubleVector wi = DoubleVector.fromArray(S, w, at);
          z0 = wi.fma(DoubleVector.broadcast(S, x[o0 + i]), z0);
          z1 = wi.fma(DoubleVector.broadcast(S, x[o1 + i]), z1);
          z2 = wi.fma(DoubleVector.broadcast(S, x[o2 + i]), z2);
          z3 = wi.fma(DoubleVector.broadcast(S, x[o3 + i]), z3);
          z4 = wi.fma(DoubleVector.broadcast(S, x[o4 + i]), z4);
          z5 = wi.fma(DoubleVector.broadcast(S, x[o5 + i]), z5);
          z6 = wi.fma(DoubleVector.broadcast(S, x[o6 + i]), z6);
          z7 = wi.fma(DoubleVector.broadcast(S, x[o7 + i]), z7);
          z8 = wi.fma(DoubleVector.broadcast(S, x[o8 + i]), z8);
          z9 = wi.fma(DoubleVector.broadcast(S, x[o9 + i]), z9);
        }
        // The overlapping last block writes its shared rows again with the same bits.
        int n = Math.min(GROUP, k - c0), at = c0 * rows + j0;
        z0.intoArray(z, at);
        if (n > 1) z1.intoArray(z, at + rows);
        if (n > 2) z2.intoArray(z, at + 2 * rows);
        if (n > 3) z3.intoArray(z, at + 3 * rows);
        if (n > 4) z4.intoArray(z, at + 4 * rows);
        if (n > 5) z5.intoArray(z, at + 5 * rows);
        if (n > 6) z6.intoArray(z, at + 6 * rows);
        if (n > 7) z7.intoArray(z, at + 7 * rows);
        if (n > 8) z8.intoArray(z, at + 8 * rows);
        if (n > 9) z9.intoArray(z, at + 9 * rows);
      }
    }
  }

  static void addOuter(double[] d, int rows, double[] a, int inner, int k, int zero, double[] grad, int wo) {
    for (int c0 = 0; c0 < k; c0 += GROUP) {
      int o0 = column(c0, 0, k, zero, inner), o1 = column(c0, 1, k, zero, inner), o2 = column(c0, 2, k, zero, inner),
          o3 = column(c0, 3, k, zero, inner), o4 = column(c0, 4, k, zero, inner), o5 = column(c0, 5, k, zero, inner),
          o6 = column(c0, 6, k, zero, inner), o7 = column(c0, 7, k, zero, inner), o8 = column(c0, 8, k, zero, inner),
          o9 = column(c0, 9, k, zero, inner);
      for (int b = 0; b < blocks(rows); b++) {
        int j0 = blockStart(b, rows);
        // The overlapping last block keeps the rows an earlier block has already updated.
        VectorMask<Double> done = S.indexInRange(0, b * L - j0);
        DoubleVector d0 = delta(d, c0, 0, k, rows, j0), d1 = delta(d, c0, 1, k, rows, j0),
            d2 = delta(d, c0, 2, k, rows, j0), d3 = delta(d, c0, 3, k, rows, j0), d4 = delta(d, c0, 4, k, rows, j0),
            d5 = delta(d, c0, 5, k, rows, j0), d6 = delta(d, c0, 6, k, rows, j0), d7 = delta(d, c0, 7, k, rows, j0),
            d8 = delta(d, c0, 8, k, rows, j0), d9 = delta(d, c0, 9, k, rows, j0);
        for (int i = 0, at = wo + j0; i < inner; i++, at += rows) {
          DoubleVector old = DoubleVector.fromArray(S, grad, at);
          DoubleVector g = d0.fma(DoubleVector.broadcast(S, a[o0 + i]), old);
          g = d1.fma(DoubleVector.broadcast(S, a[o1 + i]), g);
          g = d2.fma(DoubleVector.broadcast(S, a[o2 + i]), g);
          g = d3.fma(DoubleVector.broadcast(S, a[o3 + i]), g);
          g = d4.fma(DoubleVector.broadcast(S, a[o4 + i]), g);
          g = d5.fma(DoubleVector.broadcast(S, a[o5 + i]), g);
          g = d6.fma(DoubleVector.broadcast(S, a[o6 + i]), g);
          g = d7.fma(DoubleVector.broadcast(S, a[o7 + i]), g);
          g = d8.fma(DoubleVector.broadcast(S, a[o8 + i]), g);
          g = d9.fma(DoubleVector.broadcast(S, a[o9 + i]), g);
          g.blend(old, done).intoArray(grad, at);
        }
      }
    }
  }

  /** Rows j0.. of sample c0+u's delta, or zeros for a slot past k. */
  private static DoubleVector delta(double[] d, int c0, int u, int k, int rows, int j0) {
    return c0 + u < k ? DoubleVector.fromArray(S, d, (c0 + u) * rows + j0) : DoubleVector.zero(S);
  }

  /**
   * {@link StepSweep#sweep}'s whole vectors from start, for a sweep that checks: each lane
   * keep * from - step * g, the largest |g| and |result| kept in registers and handed to seen.
   * Returns where the plain loop goes on. (A sweep that checks nothing is the plain loop alone,
   * which the JIT vectorizes itself: one loop for both, the checks under a condition, made the
   * JIT box every vector of the checked one, at half the speed.)
   */
  static int sweep(double[] from, double[] g, double[] to, int start, int end, double keep, double step, StepSweep seen) {
    DoubleVector largestG = DoubleVector.zero(S), largestTo = DoubleVector.zero(S);
    int i = start, bound = start + S.loopBound(end - start);
    for (; i < bound; i += L) {
      DoubleVector gv = DoubleVector.fromArray(S, g, i);
      DoubleVector v = DoubleVector.fromArray(S, from, i).mul(keep).sub(gv.mul(step));
      v.intoArray(to, i);
      largestG = largestG.max(gv.abs());  // max, as Math.max, keeps a NaN
      largestTo = largestTo.max(v.abs());
    }
    seen.seeLargest(largestG.reduceLanes(VectorOperators.MAX), largestTo.reduceLanes(VectorOperators.MAX));
    return i;
  }
}
