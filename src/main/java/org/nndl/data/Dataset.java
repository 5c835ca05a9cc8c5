package org.nndl.data;

import java.io.Serializable;
import java.util.Arrays;

/**
 * Labelled images held as bytes, as IDX stores them: {@code pixels[i*rows*cols + p]} is pixel p
 * of image i (0..255, scaled to [0,1] only when a mini-batch is widened to doubles).
 */
public record Dataset(int rows, int cols, byte[] pixels, byte[] labels) implements Serializable {

  public Dataset {
    if ((long) rows * cols * labels.length != pixels.length) {
      throw new IllegalArgumentException(
          "pixel count " + pixels.length + " is not " + labels.length + " images of " + rows + "x" + cols);
    }
  }

  public int size() { return labels.length; }

  public int inputSize() { return rows * cols; }

  public int label(int i) { return labels[i] & 0xff; }

  /** Pixel p of image i scaled to [0,1]. */
  public double pixel(int i, int p) { return (pixels[i * inputSize() + p] & 0xff) / 255.0; }

  /** Images from..to-1, numbered from 0. */
  public Dataset slice(int from, int to) {
    if (from < 0 || to > size() || from > to) throw new IllegalArgumentException("bad slice " + from + ".." + to + " of " + size());
    byte[] px = Arrays.copyOfRange(pixels, from * inputSize(), to * inputSize());
    return new Dataset(rows, cols, px, Arrays.copyOfRange(labels, from, to));
  }

  /** The first n images (all of them when n >= size()). */
  public Dataset limit(int n) {
    if (n >= size()) return this;
    byte[] px = Arrays.copyOf(pixels, n * inputSize());
    byte[] lb = Arrays.copyOf(labels, n);
    return new Dataset(rows, cols, px, lb);
  }
}
