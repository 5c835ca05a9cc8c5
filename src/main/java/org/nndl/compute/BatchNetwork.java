package org.nndl.compute;

import org.nndl.net.Activation;
import org.nndl.net.Cost;
import org.nndl.net.Layout;
import org.nndl.net.Network2;
import org.nndl.net.NetworkSpec;
import org.nndl.net.Output;

/**
 * The network applied to k samples at once: activations are column-major matrices with one
 * column per sample, and each layer is one matrix product ({@link Products}) read straight out of
 * the flat parameter array, the bias added in the product. Every matrix has one column more than
 * the capacity, left at zero for the products to pad with. Nothing is allocated per call. Not
 * thread-safe: one per task.
 */
public final class BatchNetwork {
  private final Layout layout;
  private final Activation act;
  private final Output output;
  private final Cost cost;
  private final double[][] zs;      // z^l = W^l a^(l-1) + b^l
  private final double[][] as;      // a^l = sigma(z^l); as[0] is the input
  private final double[][] deltas;
  private final double[][] masks;   // dropout: 1 = hidden neuron kept, 0 = dropped; null when unused
  private final int capacity;

  public BatchNetwork(NetworkSpec spec, int capacity) {
    this.layout = spec.layout();
    this.act = spec.activation();
    this.output = spec.output();
    this.cost = spec.cost();
    this.capacity = capacity;
    int layers = layout.layers();
    zs = new double[layers][];
    as = new double[layers][];
    deltas = new double[layers][];
    masks = new double[layers][];
    for (int l = 0; l < layers; l++) {
      as[l] = new double[layout.size(l) * (capacity + 1)];
      if (l > 0) {
        zs[l] = new double[layout.size(l) * (capacity + 1)];
        deltas[l] = new double[layout.size(l) * (capacity + 1)];
      }
    }
  }

  /** The input matrix to fill, column j = sample j, inputSize x capacity (its extra column stays zero). */
  public double[] input() { return as[0]; }

  public int capacity() { return capacity; }

  /** Hidden layer l's dropout mask to fill (column c = sample c), rows x capacity; from then on forward applies it. */
  public double[] mask(int l) {
    if (masks[l] == null) masks[l] = new double[layout.size(l) * capacity];
    return masks[l];
  }

  /** Feedforward of the first k input columns through the full network; returns a^L (column-major). */
  public double[] forward(double[] w, int k) { return forward(w, k, false); }

  /**
   * Feedforward of the first k input columns, hidden activations multiplied by their dropout
   * masks when dropout is true; returns the output activations a^L (column-major).
   */
  public double[] forward(double[] w, int k, boolean dropout) {
    int last = layout.layers() - 1;
    for (int l = 1; l <= last; l++) {
      int rows = layout.size(l), inner = layout.size(l - 1);
      double[] z = zs[l];
      Products.affine(w, layout.weights(l), layout.biases(l), rows, inner, as[l - 1], k, capacity, z);
      double[] a = as[l];
      if (l == last) {
        for (int c = 0; c < k; c++) output.activate(z, a, c * rows, rows);
      } else if (dropout) {
        double[] m = masks[l];
        for (int i = 0; i < rows * k; i++) a[i] = act.apply(z[i]) * m[i];
      } else {
        for (int i = 0; i < rows * k; i++) a[i] = act.apply(z[i]);
      }
    }
    return as[last];
  }

  /**
   * Backpropagation for the first k columns after {@link #forward}: adds sum over samples of
   * nabla_w = delta^l (a^(l-1))^T and nabla_b = delta^l into grad (flat parameter layout).
   * targets[c] is sample c's label (y is its one-hot vector); dropout as given to forward.
   */
  public void backward(double[] w, int[] targets, int k, double[] grad, boolean dropout) {
    int last = layout.layers() - 1;
    int out = layout.size(last);
    double[] zl = zs[last], al = as[last], dl = deltas[last];
    for (int c = 0; c < k; c++) cost.delta(zl, al, c * out, out, targets[c], output, dl, c * out);  // BP1
    for (int l = last; l >= 1; l--) {
      int rows = layout.size(l), inner = layout.size(l - 1);
      double[] d = deltas[l];
      for (int c = 0; c < k; c++) {                                  // BP3
        for (int j = 0; j < rows; j++) grad[layout.biases(l) + j] += d[c * rows + j];
      }
      Products.addOuter(d, rows, as[l - 1], inner, k, capacity, grad, layout.weights(l));  // BP4
      if (l > 1) {                                                   // BP2
        double[] prev = deltas[l - 1];
        Products.transposedTimes(w, layout.weights(l), rows, inner, d, k, prev);
        double[] z = zs[l - 1];
        if (dropout) {
          double[] m = masks[l - 1];
          for (int i = 0; i < inner * k; i++) prev[i] *= act.prime(z[i]) * m[i];
        } else {
          for (int i = 0; i < inner * k; i++) prev[i] *= act.prime(z[i]);
        }
      }
    }
  }

  /** Sample c's cost C(a, y) from the output of {@link #forward}. */
  public double sampleCost(double[] a, int c, int label) {
    int out = layout.outputSize();
    return cost.fn(a, c * out, out, label);
  }

  /** The most active output neuron of sample c: the network's digit. */
  public int predicted(double[] output, int c) {
    int out = layout.outputSize();
    return Network2.argmax(output, c * out, out);
  }
}
