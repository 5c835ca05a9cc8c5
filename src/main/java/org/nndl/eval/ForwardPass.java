package org.nndl.eval;

import org.nndl.compute.BatchNetwork;
import org.nndl.data.Block;
import org.nndl.net.NetworkSpec;
import scala.collection.Iterator;

/**
 * Every sample of a partition's blocks fed forward in chunks of matrix products, each sample's
 * output handed to a visitor in index order: what scoring and the confusion matrix share. Its
 * batched network is kept for the next partition of the same chunk size (a task that scores a
 * partition after every epoch allocates nothing per epoch); not thread-safe: one per task.
 */
final class ForwardPass {
  /** Samples per forward pass: many of the kernel's groups of 10 per call, few enough to stay in cache. */
  private static final int CHUNK = 512;

  /** Sees one sample: its output is column {@code column} of {@code out}, its pixels column {@code column} of {@code input}. */
  interface Visitor {
    void sample(BatchNetwork net, double[] out, int column, int index, int label, double[] input);
  }

  private final NetworkSpec spec;
  private BatchNetwork net;

  ForwardPass(NetworkSpec spec) { this.spec = spec; }

  void each(double[] w, Iterator<Block> blocks, Visitor visitor) {
    boolean first = true;
    while (blocks.hasNext()) {
      Block block = blocks.next();
      if (first) net = network(Math.min(CHUNK, block.count()));
      first = false;
      double[] x = net.input();
      for (int start = block.first(); start < block.end(); start += net.capacity()) {
        int k = Math.min(net.capacity(), block.end() - start);
        for (int c = 0; c < k; c++) block.widen(start + c, x, c);
        double[] out = net.forward(w, k);
        for (int c = 0; c < k; c++) visitor.sample(net, out, c, start + c, block.label(start + c), x);
      }
    }
  }

  /** The kept network when it has this capacity (its spare zero column stays zero: only k <= capacity columns are written), else a new one. */
  private BatchNetwork network(int capacity) {
    return net != null && net.capacity() == capacity ? net : new BatchNetwork(spec, capacity);
  }
}
