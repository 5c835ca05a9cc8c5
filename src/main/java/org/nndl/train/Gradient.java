package org.nndl.train;

import java.io.Serializable;
import java.util.Arrays;
import org.nndl.data.Block;
import org.nndl.net.NetworkSpec;

/**
 * How one mini-batch's gradient is computed on an executor (MLlib's {@code Gradient} role):
 * the samples of the batch that lie in a block are widened into one matrix and backpropagated
 * together, and their summed nabla C is added to an {@link ExactSum}.
 */
public final class Gradient implements Serializable {
  private final NetworkSpec spec;
  private transient BatchNetwork net;
  private transient double[] scratch;
  private transient int[] targets;

  public Gradient(NetworkSpec spec) { this.spec = spec; }

  /**
   * Adds to sum the gradient of the samples of block whose global indices are in batch
   * (sorted ascending). Returns the number of samples it used.
   */
  public int add(double[] params, Block block, int[] batch, ExactSum sum) {
    if (lowerBound(batch, block.first()) == lowerBound(batch, block.end())) return 0;  // none here
    if (scratch == null || scratch.length != params.length) scratch = new double[params.length];
    Arrays.fill(scratch, 0.0);
    int k = accumulate(params, block, batch, scratch);
    sum.add(scratch);
    return k;
  }

  /**
   * Adds into grad (plain doubles, flat parameter layout) the summed nabla C of the samples of
   * block whose global indices are in batch (sorted ascending): for a local loop that applies the
   * gradient itself. Returns the number of samples it used.
   */
  public int accumulate(double[] params, Block block, int[] batch, double[] grad) {
    int from = lowerBound(batch, block.first());
    int to = lowerBound(batch, block.end());
    int k = to - from;
    if (k == 0) return 0;
    if (net == null || net.capacity() < k) {
      net = new BatchNetwork(spec, Math.max(k, batch.length));
      targets = new int[net.capacity()];
    }
    double[] x = net.input();
    for (int c = 0; c < k; c++) {
      block.widen(batch[from + c], x, c);
      targets[c] = block.label(batch[from + c]);
    }
    net.forward(params, k);
    net.backward(params, targets, k, grad);
    return k;
  }

  /** First position in the sorted array a whose value is >= key. */
  static int lowerBound(int[] a, int key) {
    int i = Arrays.binarySearch(a, key);
    if (i < 0) return -i - 1;
    while (i > 0 && a[i - 1] == key) i--;
    return i;
  }
}
