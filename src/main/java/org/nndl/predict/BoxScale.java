package org.nndl.predict;

/**
 * Fits a picture into a side x side square, aspect ratio kept, centred on a black canvas (0, as
 * MNIST's background). Each target pixel is the area-weighted mean of the source pixels it covers
 * (a box filter): right for shrinking, pixel replication for enlarging, and the identity for a
 * picture that already has the size, so a 28x28 picture reaches a 784-input network unchanged.
 */
final class BoxScale {
  private BoxScale() {}

  /** {@code v[y][x]} to side*side pixels, row-major. */
  static double[] fit(double[][] v, int side) {
    int h = v.length, w = v[0].length;
    double scale = (double) side / Math.max(w, h);
    int tw = Math.max(1, (int) Math.round(w * scale)), th = Math.max(1, (int) Math.round(h * scale));
    int ox = (side - tw) / 2, oy = (side - th) / 2;
    double[][] wx = weights(w, tw), wy = weights(h, th);
    double[] out = new double[side * side];
    for (int ty = 0; ty < th; ty++) {
      for (int tx = 0; tx < tw; tx++) {
        double s = 0;
        int y0 = (int) Math.floor(ty * (double) h / th), x0 = (int) Math.floor(tx * (double) w / tw);
        for (int j = 0; j < wy[ty].length; j++) {
          for (int i = 0; i < wx[tx].length; i++) s += wy[ty][j] * wx[tx][i] * v[y0 + j][x0 + i];
        }
        out[(oy + ty) * side + ox + tx] = s;
      }
    }
    return out;
  }

  /**
   * For each of n target pixels along one axis of a source of length len: the shares of the source
   * pixels it covers, starting at floor(t*len/n); the shares sum to 1.
   */
  private static double[][] weights(int len, int n) {
    double[][] out = new double[n][];
    double step = (double) len / n;
    for (int t = 0; t < n; t++) {
      double lo = t * (double) len / n, hi = (t + 1) * (double) len / n;
      int first = (int) Math.floor(lo), last = Math.min(len, (int) Math.ceil(hi));
      out[t] = new double[last - first];
      for (int i = first; i < last; i++) out[t][i - first] = (Math.min(hi, i + 1) - Math.max(lo, i)) / step;
    }
    return out;
  }
}
