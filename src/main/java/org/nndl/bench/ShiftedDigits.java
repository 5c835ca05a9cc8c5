package org.nndl.bench;

import org.nndl.data.Dataset;
import org.nndl.data.Shift;

/**
 * A larger set of real digits for benchmarks: every image of a set copied with one-pixel shifts
 * (dx, dy in -1..1, the unshifted image first), then repeated, cut to the wanted size. Not the
 * book's expanded set ({@link Shift#expand}): it adds the diagonals and keeps the bench's data as
 * it was, so that its figures stay comparable.
 */
final class ShiftedDigits {
  private ShiftedDigits() {}

  static Dataset expand(Dataset d, int size) {
    int in = d.inputSize();
    byte[] px = new byte[size * in];
    byte[] lb = new byte[size];
    int[][] shifts = {{0, 0}, {1, 0}, {-1, 0}, {0, 1}, {0, -1}, {1, 1}, {-1, -1}, {1, -1}, {-1, 1}};
    for (int i = 0; i < size; i++) {
      int src = i % d.size();
      int[] s = shifts[(i / d.size()) % shifts.length];  // {dx: columns right, dy: rows down}
      lb[i] = d.labels()[src];
      Shift.shift(d.pixels(), src * in, d.rows(), d.cols(), s[1], s[0], px, i * in);
    }
    return new Dataset(d.rows(), d.cols(), px, lb);
  }
}
