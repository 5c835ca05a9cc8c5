package org.nndl.compute;

import java.io.Serializable;
import java.util.Arrays;
import org.nndl.data.Block;
import org.nndl.net.Dropout;
import org.nndl.net.NetworkSpec;

/**
 * How one mini-batch's gradient is computed on an executor (MLlib's {@code Gradient} role):
 * the samples of the batch that a partition holds are widened into one matrix and backpropagated
 * together, and their summed nabla C is added to an {@link ExactSum}. With dropout, each sample's
 * masks come from (epoch, step, sample), so any executor computing the step gets the same sum.
 */
public final class Gradient implements Serializable {
  private final NetworkSpec spec;
  private final Dropout dropout;
  private transient BatchNetwork net;
  private transient double[] scratch;
  private transient int[] targets;

  public Gradient(NetworkSpec spec) { this(spec, Dropout.NONE); }

  public Gradient(NetworkSpec spec, Dropout dropout) {
    this.spec = spec;
    this.dropout = dropout;
  }

  /**
   * Adds to sum the gradient of the batch's samples held in blocks (batch: global indices, sorted
   * ascending), step {@code step} of epoch {@code epoch}. Returns the number of samples it used.
   */
  public int add(double[] params, Iterable<Block> blocks, int[] batch, int epoch, long step, ExactSum sum) {
    if (scratch == null || scratch.length != params.length) scratch = new double[params.length];
    Arrays.fill(scratch, 0.0);
    int k = accumulate(params, blocks, batch, epoch, step, scratch);
    if (k > 0) sum.add(scratch);
    return k;
  }

  /**
   * Adds into grad (plain doubles, flat parameter layout) the summed nabla C of the batch's
   * samples held in blocks, all of them in one matrix: one product per layer however many blocks
   * they come from. Returns the number of samples it used.
   */
  public int accumulate(double[] params, Iterable<Block> blocks, int[] batch, int epoch, long step, double[] grad) {
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
        if (dropout.active()) fillMasks(epoch, step, batch[i], k);
      }
    }
    if (k == 0) return 0;
    net.forward(params, k, dropout.active());
    net.backward(params, targets, k, grad, dropout.active());
    return k;
  }

  /** Column col of every hidden layer's mask: sample's draw at this step. */
  private void fillMasks(int epoch, long step, int sample, int col) {
    for (int l = 1; l < spec.layout().layers() - 1; l++) {
      int rows = spec.layout().size(l);
      dropout.fill(epoch, step, sample, l, net.mask(l), col * rows, rows);
    }
  }

  /** First position in the sorted array a whose value is >= key. */
  static int lowerBound(int[] a, int key) {
    int i = Arrays.binarySearch(a, key);
    if (i < 0) return -i - 1;
    while (i > 0 && a[i - 1] == key) i--;
    return i;
  }
}
