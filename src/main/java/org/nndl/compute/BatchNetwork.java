package org.nndl.compute;

import dev.ludovic.netlib.blas.BLAS;
import dev.ludovic.netlib.blas.JavaBLAS;
import org.apache.spark.ml.linalg.DenseMatrix;
import org.nndl.net.Activation;
import org.nndl.net.Cost;
import org.nndl.net.Layout;
import org.nndl.net.NetworkSpec;
import org.nndl.net.Output;

/**
 * The network applied to k samples at once: activations are matrices with one column per sample
 * (mllib-local {@link DenseMatrix}, column-major), and each layer is one BLAS matrix product
 * read straight out of the flat parameter array. Not thread-safe: one per task.
 */
public final class BatchNetwork {
  /**
   * netlib's pure-Java BLAS (vectorised with jdk.incubator.vector when present), never a native
   * library: the matrices here are small (m = 10 columns), where a JNI call saves little, and one
   * implementation everywhere keeps results bit-identical across executors whatever BLAS their
   * hosts have installed.
   */
  private static final BLAS BLAS_ = javaBlas();

  /**
   * Loading any netlib BLAS class first probes for a native library (and prints a dlopen error
   * where there is none) unless told not to: set that before the first load, on every JVM.
   */
  private static BLAS javaBlas() {
    if (System.getProperty("dev.ludovic.netlib.blas.allowNative") == null) {
      System.setProperty("dev.ludovic.netlib.blas.allowNative", "false");
    }
    return JavaBLAS.getInstance();
  }

  private final Layout layout;
  private final Activation act;
  private final Output output;
  private final Cost cost;
  private final DenseMatrix[] zs;   // z^l = W^l a^(l-1) + b^l
  private final DenseMatrix[] as;   // a^l = sigma(z^l); as[0] is the input
  private final DenseMatrix[] deltas;
  private final double[][] masks;   // dropout: 1 = hidden neuron kept, 0 = dropped; null when unused
  private final int capacity;

  public BatchNetwork(NetworkSpec spec, int capacity) {
    this.layout = spec.layout();
    this.act = spec.activation();
    this.output = spec.output();
    this.cost = spec.cost();
    this.capacity = capacity;
    int layers = layout.layers();
    zs = new DenseMatrix[layers];
    as = new DenseMatrix[layers];
    deltas = new DenseMatrix[layers];
    masks = new double[layers][];
    for (int l = 0; l < layers; l++) {
      as[l] = DenseMatrix.zeros(layout.size(l), capacity);
      if (l > 0) {
        zs[l] = DenseMatrix.zeros(layout.size(l), capacity);
        deltas[l] = DenseMatrix.zeros(layout.size(l), capacity);
      }
    }
  }

  /** The input matrix to fill, column j = sample j, inputSize x capacity. */
  public double[] input() { return as[0].values(); }

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
      double[] z = zs[l].values();
      double[] b = w;
      for (int c = 0; c < k; c++) System.arraycopy(b, layout.biases(l), z, c * rows, rows);
      BLAS_.dgemm("N", "N", rows, k, inner, 1.0, w, layout.weights(l), rows,
          as[l - 1].values(), 0, inner, 1.0, z, 0, rows);
      double[] a = as[l].values();
      if (l == last) {
        for (int c = 0; c < k; c++) output.activate(z, a, c * rows, rows);
      } else if (dropout) {
        double[] m = masks[l];
        for (int i = 0; i < rows * k; i++) a[i] = act.apply(z[i]) * m[i];
      } else {
        for (int i = 0; i < rows * k; i++) a[i] = act.apply(z[i]);
      }
    }
    return as[last].values();
  }

  /**
   * Backpropagation for the first k columns after {@link #forward}: adds sum over samples of
   * nabla_w = delta^l (a^(l-1))^T and nabla_b = delta^l into grad (flat parameter layout).
   * targets[c] is sample c's label (y is its one-hot vector); dropout as given to forward.
   */
  public void backward(double[] w, int[] targets, int k, double[] grad, boolean dropout) {
    int last = layout.layers() - 1;
    int out = layout.size(last);
    double[] zl = zs[last].values(), al = as[last].values(), dl = deltas[last].values();
    for (int c = 0; c < k; c++) cost.delta(zl, al, c * out, out, targets[c], output, dl, c * out);  // BP1
    for (int l = last; l >= 1; l--) {
      int rows = layout.size(l), inner = layout.size(l - 1);
      double[] d = deltas[l].values();
      for (int c = 0; c < k; c++) {                                  // BP3
        for (int j = 0; j < rows; j++) grad[layout.biases(l) + j] += d[c * rows + j];
      }
      BLAS_.dgemm("N", "T", rows, inner, k, 1.0, d, 0, rows,          // BP4
          as[l - 1].values(), 0, inner, 1.0, grad, layout.weights(l), rows);
      if (l > 1) {                                                   // BP2
        double[] prev = deltas[l - 1].values();
        BLAS_.dgemm("T", "N", inner, k, rows, 1.0, w, layout.weights(l), rows, d, 0, rows, 0.0, prev, 0, inner);
        double[] z = zs[l - 1].values();
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
    int best = 0;
    for (int j = 1; j < out; j++) if (output[c * out + j] > output[c * out + best]) best = j;
    return best;
  }
}
