package org.nndl.train;

import java.io.Serializable;
import org.apache.spark.TaskContext;
import org.apache.spark.broadcast.Broadcast;
import org.nndl.data.Block;
import org.nndl.net.NetworkSpec;
import scala.collection.Iterator;
import scala.runtime.AbstractFunction2;

/**
 * The task behind {@link Confusion#of}: predicts every sample of a partition with the batched
 * network (a named class, not a lambda, for the reason given in {@link PartitionJob}).
 */
final class ConfusionFunction extends AbstractFunction2<TaskContext, Iterator<Block>, Confusion> implements Serializable {
  /** Samples per matrix product, as in {@link ScoreFunction}. */
  private static final int CHUNK = 512;
  private final Broadcast<double[]> params;
  private final NetworkSpec spec;
  private final int keep;

  ConfusionFunction(Broadcast<double[]> params, NetworkSpec spec, int keep) {
    this.params = params;
    this.spec = spec;
    this.keep = keep;
  }

  @Override
  public Confusion apply(TaskContext context, Iterator<Block> blocks) {
    Confusion result = new Confusion(spec.layout().outputSize(), keep);
    double[] w = params.value();
    BatchNetwork net = null;
    while (blocks.hasNext()) {
      Block block = blocks.next();
      if (net == null) net = new BatchNetwork(spec, Math.min(CHUNK, block.count()));
      predictBlock(w, block, net, result);
    }
    return result;
  }

  private static void predictBlock(double[] w, Block block, BatchNetwork net, Confusion result) {
    double[] x = net.input();
    int in = block.inputSize();
    for (int start = block.first(); start < block.end(); start += net.capacity()) {
      int k = Math.min(net.capacity(), block.end() - start);
      for (int c = 0; c < k; c++) block.widen(start + c, x, c);
      double[] out = net.forward(w, k);
      for (int c = 0; c < k; c++) {
        int col = c;
        result.add(start + c, block.label(start + c), net.predicted(out, c), () -> bytes(x, col, in));
      }
    }
  }

  /** The sample's bytes back from its widened column: v/255 * 255 rounds to v exactly. */
  private static byte[] bytes(double[] x, int col, int in) {
    byte[] b = new byte[in];
    for (int p = 0; p < in; p++) b[p] = (byte) Math.round(x[col * in + p] * 255.0);
    return b;
  }
}
