package org.nndl.bench;

import org.nndl.data.Dataset;

/**
 * A larger set of real digits for benchmarks: every image of a set copied with one-pixel shifts
 * (dx, dy in -1..1, the unshifted image first), then repeated, cut to the wanted size.
 */
final class ShiftedDigits {
  private ShiftedDigits() {}

  static Dataset expand(Dataset d, int size) {
    int rows = d.rows(), cols = d.cols(), in = d.inputSize();
    byte[] px = new byte[size * in];
    byte[] lb = new byte[size];
    int[][] shifts = {{0, 0}, {1, 0}, {-1, 0}, {0, 1}, {0, -1}, {1, 1}, {-1, -1}, {1, -1}, {-1, 1}};
    for (int i = 0; i < size; i++) {
      int src = i % d.size();
      int[] s = shifts[(i / d.size()) % shifts.length];
      lb[i] = d.labels()[src];
      for (int r = 0; r < rows; r++) {
        int sr = r - s[1];
        if (sr < 0 || sr >= rows) continue;
        for (int c = 0; c < cols; c++) {
          int sc = c - s[0];
          if (sc >= 0 && sc < cols) px[i * in + r * cols + c] = d.pixels()[src * in + sr * cols + sc];
        }
      }
    }
    return new Dataset(rows, cols, px, lb);
  }
}
