package org.nndl.compute;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The Vector-API products against the plain loops, bit for bit: what keeps an executor without
 * jdk.incubator.vector (or with fewer lanes) on the same parameters as the others. And both
 * against the textbook triple loop.
 */
class ProductsTest {
  /** rows: one block, blocks with an overlapping last one; k: groups short, full, and one more. */
  @ParameterizedTest
  @CsvSource({"8,1", "8,10", "11,9", "19,10", "30,23", "30,3", "64,17"})
  void vectorProductsGiveThePlainLoopsBitsAndTheTextbookValues(int rows, int k) {
    Random rnd = new Random(rows * 31L + k);
    int inner = 37, wo = 5, bo = wo + rows * inner, capacity = k + 2;
    double[] w = gaussians(rnd, bo + rows + 3);
    double[] x = gaussians(rnd, inner * (capacity + 1));
    java.util.Arrays.fill(x, capacity * inner, (capacity + 1) * inner, 0.0);  // the zero column
    double[] d = gaussians(rnd, rows * k);

    double[] zVector = new double[rows * k], zPlain = new double[rows * k];
    VectorProducts.affine(w, wo, bo, rows, inner, x, k, capacity, zVector);
    Products.plainAffine(w, wo, bo, rows, inner, x, k, zPlain);
    assertArrayEquals(zPlain, zVector, "z = W x + b");

    double[] gVector = gaussians(new Random(7), w.length), gPlain = gVector.clone(), before = gVector.clone();
    VectorProducts.addOuter(d, rows, x, inner, k, capacity, gVector, wo);
    Products.plainAddOuter(d, rows, x, inner, k, gPlain, wo);
    assertArrayEquals(gPlain, gVector, "grad += d x^T");

    for (int c = 0; c < k; c++) {
      for (int j = 0; j < rows; j++) {
        double z = w[bo + j];
        for (int i = 0; i < inner; i++) z += w[wo + i * rows + j] * x[c * inner + i];
        assertEquals(z, zPlain[c * rows + j], 1e-12, "z(" + j + "," + c + ")");
      }
    }
    for (int i = 0; i < w.length; i++) {
      double expected = before[i];
      int e = i - wo;
      if (e >= 0 && e < rows * inner) {
        for (int c = 0; c < k; c++) expected += d[c * rows + e % rows] * x[c * inner + e / rows];
      }
      assertEquals(expected, gPlain[i], 1e-12, "grad[" + i + "]");
    }
  }

  private static double[] gaussians(Random rnd, int n) {
    double[] v = new double[n];
    for (int i = 0; i < n; i++) v[i] = rnd.nextGaussian();
    return v;
  }
}
