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
 * (A plain class, not a record: Spark's Kryo cannot rebuild records.)
 */
public final class Block implements Serializable {
  private final int first;
  private final int count;
  private final int rows;
  private final int cols;
  private final byte[] pixels;
  private final byte[] labels;
  /** 1: the images as stored; Shift.COPIES: the expanded view, sample copies*i+s = image i as Shift copy s. */
  private final int copies;

  public Block(int first, int count, int rows, int cols, byte[] pixels, byte[] labels) {
    this(first, count, rows, cols, pixels, labels, 1);
  }

  private Block(int first, int count, int rows, int cols, byte[] pixels, byte[] labels, int copies) {
    this.first = first;
    this.count = count;
    this.rows = rows;
    this.cols = cols;
    this.pixels = pixels;
    this.labels = labels;
    this.copies = copies;
  }

  /**
   * This block's images as samples {@code [5*first, 5*end)} of the expanded set ({@link Shift}):
   * each image, then its copies moved one pixel down, up, right and left, widened from these same
   * bytes when a mini-batch needs them, so the cache still holds each image once.
   */
  public Block expanded() {
    if (copies != 1) throw new IllegalStateException("this block is already an expanded view");
    return new Block(first, count, rows, cols, pixels, labels, Shift.COPIES);
  }

  public int first() { return first * copies; }

  public int count() { return count * copies; }

  public int end() { return first() + count(); }

  public int inputSize() { return rows * cols; }

  /** Widens sample (global index) i into column col of a column-major inputSize x k matrix, scaled to [0,1]. */
  public void widen(int i, double[] x, int col) {
    int s = i % copies, in = inputSize();
    Shift.widen(pixels, (i / copies - first) * in, rows, cols, Shift.down(s), Shift.right(s), x, col * in);
  }

  public int label(int i) { return labels[i / copies - first] & 0xff; }

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
