package org.nndl.net;

import java.io.Serializable;
import java.util.Arrays;
import org.nndl.error.UserError;

/**
 * Where each layer's parameters sit in the one flat {@code double[]} that is broadcast and
 * aggregated each step: {@code [W_1, b_1, W_2, b_2, ...]}. {@code W_l} has {@code sizes[l]} rows
 * and {@code sizes[l-1]} columns, stored column-major (so BLAS reads it in place); entry
 * (j, k) is the weight from neuron k of layer l-1 to neuron j of layer l, as in the book.
 */
public final class Layout implements Serializable {
  private final int[] sizes;
  private final int[] weightOffset;
  private final int[] biasOffset;
  private final int size;

  public Layout(int... sizes) {
    if (sizes.length < 2) throw new IllegalArgumentException("a network needs at least two layers");
    for (int s : sizes) if (s <= 0) throw new IllegalArgumentException("layer sizes must be positive");
    this.sizes = sizes.clone();
    weightOffset = new int[sizes.length];
    biasOffset = new int[sizes.length];
    long at = 0;
    for (int l = 1; l < sizes.length; l++) {
      weightOffset[l] = (int) at;
      at += (long) sizes[l] * sizes[l - 1];
      biasOffset[l] = (int) at;
      at += sizes[l];
      if (at > Integer.MAX_VALUE - 8) throw new UserError("network too large for one array: use smaller --sizes");
    }
    size = (int) at;
  }

  /** Number of layers, input layer included. */
  public int layers() { return sizes.length; }

  public int size(int layer) { return sizes[layer]; }

  public int[] sizes() { return sizes.clone(); }

  public int inputSize() { return sizes[0]; }

  public int outputSize() { return sizes[sizes.length - 1]; }

  /** Total number of parameters (weights and biases). */
  public int parameterCount() { return size; }

  /** Offset of W_l (l >= 1) in the flat array. */
  public int weights(int layer) { return weightOffset[layer]; }

  /** Offset of b_l (l >= 1) in the flat array. */
  public int biases(int layer) { return biasOffset[layer]; }

  /** Index of weight (j, k) of layer l. */
  public int weight(int layer, int j, int k) { return weightOffset[layer] + k * sizes[layer] + j; }

  /** True for indices that hold a weight (L2 decays weights, never biases). */
  public boolean isWeight(int index) {
    for (int l = 1; l < sizes.length; l++) {
      if (index >= weightOffset[l] && index < biasOffset[l]) return true;
    }
    return false;
  }

  /** The sum of squared weights, sum(||W_l||^2): the L2 term's norm. */
  public double weightSquares(double[] params) {
    double s = 0;
    for (int l = 1; l < sizes.length; l++) {
      for (int i = weightOffset[l]; i < biasOffset[l]; i++) s += params[i] * params[i];
    }
    return s;
  }

  @Override public String toString() {
    return Arrays.toString(sizes).replace(" ", "").replace("[", "").replace("]", "");
  }

  @Override public boolean equals(Object o) { return o instanceof Layout l && Arrays.equals(sizes, l.sizes); }

  @Override public int hashCode() { return Arrays.hashCode(sizes); }
}
