package org.nndl.data;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A run of consecutive samples, cached as bytes on an executor: images
 * {@code first .. first+count-1} of the data set, rows x cols pixels of image i at
 * {@code pixels[(i-first)*inputSize ...]}. About one byte per pixel plus one per label.
 * {@link #expanded} sees the same bytes as their part of the book's expanded set.
 * Samples read from a DataFrame whose values are not all whole numbers 0-255 keep them as floats
 * (when no bit is lost) or doubles instead ({@link #of}); a sample's input is its stored values
 * times {@link #scale}, the same doubles whichever array holds them.
 * (A plain class, not a record: Spark's Kryo cannot rebuild records.)
 */
public final class Block implements Serializable {
  private final int first;
  private final int count;
  private final int rows;
  private final int cols;
  private final byte[] pixels;
  private final float[] floats;
  private final double[] doubles;
  /** What a stored value is multiplied by: 1/255 for IDX pixels, 1/--input-scale for a DataFrame's. */
  private final double scale;
  private final byte[] labels;
  /** 1: the images as stored; Shift.COPIES: the expanded view, sample copies*i+s = image i as Shift copy s. */
  private final int copies;

  public Block(int first, int count, int rows, int cols, byte[] pixels, byte[] labels) {
    this(first, count, rows, cols, pixels, null, null, Shift.SCALE, labels, 1);
  }

  private Block(int first, int count, int rows, int cols, byte[] pixels, float[] floats, double[] doubles,
      double scale, byte[] labels, int copies) {
    this.first = first;
    this.count = count;
    this.rows = rows;
    this.cols = cols;
    this.pixels = pixels;
    this.floats = floats;
    this.doubles = doubles;
    this.scale = scale;
    this.labels = labels;
    this.copies = copies;
  }

  /**
   * Samples whose raw values are {@code values[(i-first)*rows*cols ...]}, inputs {@code value * scale},
   * stored in the smallest array that holds every value exactly: bytes when each is a whole number
   * 0-255, floats when each is a float, doubles otherwise.
   */
  public static Block of(int first, int count, int rows, int cols, double[] values, double scale, byte[] labels) {
    boolean bytes = true, floats = true;
    for (double v : values) {
      bytes &= v >= 0 && v <= 255 && v == Math.rint(v);
      floats &= (float) v == v;
    }
    if (bytes) {
      byte[] b = new byte[values.length];
      for (int p = 0; p < b.length; p++) b[p] = (byte) (int) values[p];
      return new Block(first, count, rows, cols, b, null, null, scale, labels, 1);
    }
    if (floats) {
      float[] f = new float[values.length];
      for (int p = 0; p < f.length; p++) f[p] = (float) values[p];
      return new Block(first, count, rows, cols, null, f, null, scale, labels, 1);
    }
    return new Block(first, count, rows, cols, null, null, values, scale, labels, 1);
  }

  /**
   * This block's images as samples {@code [5*first, 5*end)} of the expanded set ({@link Shift}):
   * each image, then its copies moved one pixel down, up, right and left, widened from these same
   * bytes when a mini-batch needs them, so the cache still holds each image once.
   */
  public Block expanded() {
    if (copies != 1) throw new IllegalStateException("this block is already an expanded view");
    return new Block(first, count, rows, cols, pixels, floats, doubles, scale, labels, Shift.COPIES);
  }

  public int first() { return first * copies; }

  public int count() { return count * copies; }

  public int end() { return first() + count(); }

  public int inputSize() { return rows * cols; }

  /** Widens sample (global index) i into column col of a column-major inputSize x k matrix, scaled to [0,1]. */
  public void widen(int i, double[] x, int col) {
    int s = i % copies, in = inputSize(), from = (i / copies - first) * in, to = col * in;
    if (pixels != null) {
      Shift.widen(pixels, from, rows, cols, Shift.down(s), Shift.right(s), scale, x, to);
      return;
    }
    if (floats != null) {
      for (int p = 0; p < in; p++) x[to + p] = floats[from + p] * scale;
    } else {
      for (int p = 0; p < in; p++) x[to + p] = doubles[from + p] * scale;
    }
    if (s != 0) Shift.shiftInPlace(x, to, rows, cols, Shift.down(s), Shift.right(s));
  }

  /** The cache's bytes per sample: its values (1, 4 or 8 bytes each) and its label byte. */
  public int bytesPerSample() { return inputSize() * (pixels != null ? 1 : floats != null ? 4 : 8) + 1; }

  public int label(int i) { return labels[i / copies - first] & 0xff; }

  /** This block's first k samples as stored (all of them when k >= count), for a view of a set's first samples. */
  public Block head(int k) {
    if (copies != 1) throw new IllegalStateException("an expanded view has no stored head");
    if (k >= count) return this;
    int values = k * inputSize();
    return new Block(first, k, rows, cols, pixels == null ? null : Arrays.copyOf(pixels, values),
        floats == null ? null : Arrays.copyOf(floats, values), doubles == null ? null : Arrays.copyOf(doubles, values),
        scale, Arrays.copyOf(labels, k), 1);
  }

  /** Consecutive pieces of one block (a block split between two partitions of a DataFrame) as one block. */
  static Block join(List<Block> pieces) {
    Block head = pieces.get(0);
    if (pieces.size() == 1) return head;
    int count = 0, in = head.inputSize();
    for (Block b : pieces) count += b.count;
    double[] values = new double[count * in];
    byte[] labels = new byte[count];
    int at = 0;
    for (Block b : pieces) {
      if (b.first != head.first + at || b.copies != 1) throw new IllegalStateException("pieces of a block out of order");
      for (int i = 0; i < b.count * in; i++) values[at * in + i] = b.raw(i);
      System.arraycopy(b.labels, 0, labels, at, b.count);
      at += b.count;
    }
    return of(head.first, count, head.rows, head.cols, values, head.scale, labels);
  }

  /** Stored value i, as stored (before the scale). */
  private double raw(int i) { return pixels != null ? pixels[i] & 0xff : floats != null ? floats[i] : doubles[i]; }

  /** The pixel bytes themselves, for byte-for-byte comparisons in tests; do not modify. */
  byte[] pixelBytes() { return pixels; }

  /** The label bytes themselves, for tests; do not modify. */
  byte[] labelBytes() { return labels; }

  /** Cuts a data set into blocks of at most blockSize samples, in order. */
  public static List<Block> split(Dataset d, int blockSize) {
    List<Block> blocks = new ArrayList<>();
    int in = d.inputSize();
    for (int first = 0; first < d.size(); first += blockSize) {
      int count = Math.min(blockSize, d.size() - first);
      byte[] px = Arrays.copyOfRange(d.pixels(), first * in, (first + count) * in);
      byte[] lb = Arrays.copyOfRange(d.labels(), first, first + count);
      blocks.add(new Block(first, count, d.rows(), d.cols(), px, lb));
    }
    return blocks;
  }
}
