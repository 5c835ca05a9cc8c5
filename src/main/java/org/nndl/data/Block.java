package org.nndl.data;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A run of consecutive samples, cached as bytes on an executor: samples
 * {@code first .. first+count-1} of the data set, pixels of sample i at
 * {@code pixels[(i-first)*inputSize ...]}. About one byte per pixel plus one per label.
 * (A plain class, not a record: Spark's Kryo cannot rebuild records.)
 */
public final class Block implements Serializable {
  private final int first;
  private final int count;
  private final int inputSize;
  private final byte[] pixels;
  private final byte[] labels;

  public Block(int first, int count, int inputSize, byte[] pixels, byte[] labels) {
    this.first = first;
    this.count = count;
    this.inputSize = inputSize;
    this.pixels = pixels;
    this.labels = labels;
  }

  public int first() { return first; }

  public int count() { return count; }

  public int end() { return first + count; }

  public int inputSize() { return inputSize; }

  /** Widens sample (global index) i into column col of a column-major inputSize x k matrix, scaled to [0,1]. */
  public void widen(int i, double[] x, int col) {
    int src = (i - first) * inputSize;
    int dst = col * inputSize;
    for (int p = 0; p < inputSize; p++) x[dst + p] = (pixels[src + p] & 0xff) * (1.0 / 255.0);
  }

  public int label(int i) { return labels[i - first] & 0xff; }

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
      blocks.add(new Block(first, count, in, px, lb));
    }
    return blocks;
  }
}
