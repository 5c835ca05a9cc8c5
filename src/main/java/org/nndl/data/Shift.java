package org.nndl.data;

import java.util.Arrays;

/**
 * One-pixel shifts of an image, the book's way of making more training data (expand_mnist.py):
 * {@code np.roll} by one pixel along the rows or the columns, with the row or column that wrapped
 * around set to zero. In the expanded set, sample {@code COPIES*i + s} is copy s of image i:
 * 0 the image itself, 1 moved down, 2 up, 3 right, 4 left (the script's order), label of image i.
 *
 * <p>A shift is a flat shift of the row-major pixels by {@code dr*cols + dc} (what np.roll does
 * on the flattened image) followed by zeroing the wrapped row and column: every pixel the flat
 * shift gets wrong lies in one of them.
 */
public final class Shift {
  /** Samples per image in the expanded set. */
  public static final int COPIES = 5;
  private static final int[] DOWN = {0, 1, -1, 0, 0};
  private static final int[] RIGHT = {0, 0, 0, 1, -1};
  /** What an IDX pixel byte is multiplied by: inputs in [0,1]. */
  public static final double SCALE = 1.0 / 255.0;

  private Shift() {}

  /** How many rows copy s of an image is moved down (-1: up). */
  public static int down(int copy) { return DOWN[copy]; }

  /** How many columns copy s of an image is moved right (-1: left). */
  public static int right(int copy) { return RIGHT[copy]; }

  /**
   * Writes the rows x cols image at in[inOff..] moved dr rows down and dc columns right (each
   * -1, 0 or 1) to out[outOff..]: {@code out[r][c] = in[r-dr][c-dc]}, 0 where that is outside.
   */
  public static void shift(byte[] in, int inOff, int rows, int cols, int dr, int dc, byte[] out, int outOff) {
    int d = offset(cols, dr, dc), from = Math.max(0, d), to = rows * cols + Math.min(0, d);
    if (to > from) System.arraycopy(in, inOff + from - d, out, outOff + from, to - from);
    if (dr != 0) Arrays.fill(out, outOff + wrapped(dr, rows) * cols, outOff + (wrapped(dr, rows) + 1) * cols, (byte) 0);
    if (dc != 0) for (int p = outOff + wrapped(dc, cols); p < outOff + rows * cols; p += cols) out[p] = 0;
  }

  /**
   * The same shift widened to doubles in [0,1] straight into x[xOff..] (a matrix column): the
   * pixels of a mini-batch, without copying the image first.
   */
  public static void widen(byte[] in, int inOff, int rows, int cols, int dr, int dc, double[] x, int xOff) {
    widen(in, inOff, rows, cols, dr, dc, SCALE, x, xOff);
  }

  /** As {@link #widen(byte[], int, int, int, int, int, double[], int)}, each byte times scale. */
  public static void widen(byte[] in, int inOff, int rows, int cols, int dr, int dc, double scale, double[] x, int xOff) {
    int d = offset(cols, dr, dc), to = rows * cols + Math.min(0, d), src = inOff - d;
    for (int p = Math.max(0, d); p < to; p++) x[xOff + p] = (in[src + p] & 0xff) * scale;
    zeroWrapped(x, xOff, rows, cols, dr, dc);
  }

  /** The shift applied to an image already widened at x[xOff..] (values that are not bytes). */
  public static void shiftInPlace(double[] x, int xOff, int rows, int cols, int dr, int dc) {
    int d = offset(cols, dr, dc), to = rows * cols + Math.min(0, d), from = Math.max(0, d);
    if (to > from) System.arraycopy(x, xOff + from - d, x, xOff + from, to - from);
    zeroWrapped(x, xOff, rows, cols, dr, dc);
  }

  private static void zeroWrapped(double[] x, int xOff, int rows, int cols, int dr, int dc) {
    if (dr != 0) Arrays.fill(x, xOff + wrapped(dr, rows) * cols, xOff + (wrapped(dr, rows) + 1) * cols, 0.0);
    if (dc != 0) for (int p = xOff + wrapped(dc, cols); p < xOff + rows * cols; p += cols) x[p] = 0.0;
  }

  /**
   * The expanded set materialised on one machine (5x the bytes): for the reference and tests.
   * Training widens the copies on the executors from the cached images instead ({@link Block#expanded}).
   */
  public static Dataset expand(Dataset d) {
    int in = d.inputSize(), n = Math.multiplyExact(d.size(), COPIES);
    byte[] px = new byte[Math.multiplyExact(n, in)];
    byte[] lb = new byte[n];
    for (int i = 0; i < d.size(); i++) {
      for (int s = 0; s < COPIES; s++) {
        shift(d.pixels(), i * in, d.rows(), d.cols(), DOWN[s], RIGHT[s], px, (COPIES * i + s) * in);
        lb[COPIES * i + s] = d.labels()[i];
      }
    }
    return new Dataset(d.rows(), d.cols(), px, lb);
  }

  private static int offset(int cols, int dr, int dc) {
    if (dr < -1 || dr > 1 || dc < -1 || dc > 1) throw new IllegalArgumentException("shift by " + dr + "," + dc + ": at most one pixel");
    return dr * cols + dc;
  }

  /** The row (or column) that wraps around when moving by one pixel in direction delta: it becomes zero. */
  private static int wrapped(int delta, int size) { return delta > 0 ? 0 : size - 1; }
}
