package org.nndl.compute;

/**
 * The three matrix products of backpropagation, on column-major matrices with one column per
 * sample and the weights read in place from the flat parameter array (W_l is rows x inner,
 * column-major: entry (j, i) at {@code w[wo + i*rows + j]}).
 *
 * <p>Every entry is one chain of {@link Math#fma} in a fixed order: over the inner index
 * ascending for z, over the samples ascending for nabla_w, over the rows ascending for W^T delta.
 * {@link VectorProducts} computes a block of neighbouring rows at once with the Vector API, lane
 * by lane the same chain; the plain loops here are the same chains one entry at a time (small
 * layers, or a JVM without {@code jdk.incubator.vector}). So every executor gets the same bits,
 * with or without the Vector API, with 4 or 8 lanes.
 */
final class Products {
  /** Whether this JVM was started with {@code --add-modules=jdk.incubator.vector}. */
  static final boolean VECTOR = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
  private static final int LANES = VECTOR ? VectorProducts.lanes() : Integer.MAX_VALUE;

  private Products() {}

  /**
   * z = W x + b for the first k columns of x (inner x k), into z (rows x k); W at w[wo], b at
   * w[bo]. Column {@code zero} of x must be all zeros (the vector path pads its sample groups with it).
   */
  static void affine(double[] w, int wo, int bo, int rows, int inner, double[] x, int k, int zero, double[] z) {
    if (rows >= LANES) {
      VectorProducts.affine(w, wo, bo, rows, inner, x, k, zero, z);
    } else {
      plainAffine(w, wo, bo, rows, inner, x, k, z);
    }
  }

  /** {@link #affine} one entry at a time. */
  static void plainAffine(double[] w, int wo, int bo, int rows, int inner, double[] x, int k, double[] z) {
    for (int c = 0; c < k; c++) {
      int zc = c * rows, xc = c * inner;
      System.arraycopy(w, bo, z, zc, rows);
      for (int i = 0; i < inner; i++) {
        double xi = x[xc + i];
        int col = wo + i * rows;
        for (int j = 0; j < rows; j++) z[zc + j] = Math.fma(w[col + j], xi, z[zc + j]);
      }
    }
  }

  /**
   * BP4 summed over the first k samples: grad[wo..] (rows x inner, W's layout) += d a^T, d rows x k,
   * a inner x k. Column {@code zero} of a must be all zeros.
   */
  static void addOuter(double[] d, int rows, double[] a, int inner, int k, int zero, double[] grad, int wo) {
    if (rows >= LANES) {
      VectorProducts.addOuter(d, rows, a, inner, k, zero, grad, wo);
    } else {
      plainAddOuter(d, rows, a, inner, k, grad, wo);
    }
  }

  /** {@link #addOuter} one entry at a time. */
  static void plainAddOuter(double[] d, int rows, double[] a, int inner, int k, double[] grad, int wo) {
    for (int i = 0; i < inner; i++) {
      int col = wo + i * rows;
      for (int j = 0; j < rows; j++) {
        double acc = grad[col + j];
        for (int c = 0; c < k; c++) acc = Math.fma(d[c * rows + j], a[c * inner + i], acc);
        grad[col + j] = acc;
      }
    }
  }

  /** BP2's product: out (inner x k) = W^T d for the first k columns of d (rows x k). */
  static void transposedTimes(double[] w, int wo, int rows, int inner, double[] d, int k, double[] out) {
    for (int c = 0; c < k; c++) {
      int dc = c * rows;
      for (int i = 0; i < inner; i++) {
        int col = wo + i * rows;
        double acc = 0;
        for (int j = 0; j < rows; j++) acc = Math.fma(w[col + j], d[dc + j], acc);
        out[c * inner + i] = acc;
      }
    }
  }
}
