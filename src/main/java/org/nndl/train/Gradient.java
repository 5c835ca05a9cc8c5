package org.nndl.train;

import java.io.Serializable;
import java.util.Arrays;
import org.nndl.data.Block;
import org.nndl.net.NetworkSpec;

/**
 * How one mini-batch's gradient is computed on an executor (MLlib's {@code Gradient} role):
 * the samples of the batch that a partition holds are widened into one matrix and backpropagated
 * together, and their summed nabla C is added to an {@link ExactSum}.
 */
public final class Gradient implements Serializable {
  private final NetworkSpec spec;
  private transient BatchNetwork net;
  private transient double[] scratch;
  private transient int[] targets;

  public Gradient(NetworkSpec spec) { this.spec = spec; }

  /**
   * Adds to sum the gradient of the batch's samples held in blocks (batch: global indices, sorted
   * ascending). Returns the number of samples it used.
   */
  public int add(double[] params, Iterable<Block> blocks, int[] batch, ExactSum sum) {
    if (scratch == null || scratch.length != params.length) scratch = new double[params.length];
    Arrays.fill(scratch, 0.0);
    int k = accumulate(params, blocks, batch, scratch);
    if (k > 0) sum.add(scratch);
    return k;
  }

  /**
   * Adds into grad (plain doubles, flat parameter layout) the summed nabla C of the batch's
   * samples held in blocks, all of them in one matrix: one product per layer however many blocks
   * they come from. Returns the number of samples it used.
   */
  public int accumulate(double[] params, Iterable<Block> blocks, int[] batch, double[] grad) {
    if (net == null || net.capacity() < batch.length) {
      net = new BatchNetwork(spec, batch.length);
      targets = new int[batch.length];
    }
    double[] x = net.input();
    int k = 0;
    for (Block block : blocks) {
      int to = lowerBound(batch, block.end());
      for (int i = lowerBound(batch, block.first()); i < to; i++, k++) {
        block.widen(batch[i], x, k);
        targets[k] = block.label(batch[i]);
      }
    }
    if (k == 0) return 0;
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
