package org.nndl.train;

import java.io.Serializable;
import org.apache.spark.TaskContext;
import org.apache.spark.broadcast.Broadcast;
import org.nndl.data.Block;
import org.nndl.net.NetworkSpec;
import scala.collection.Iterator;
import scala.runtime.AbstractFunction2;

/** The task of an evaluation: cost and correct count of every sample of a partition. */
final class ScoreFunction extends AbstractFunction2<TaskContext, Iterator<Block>, Score> implements Serializable {
  /** Samples per matrix product: large enough for BLAS to run at speed, small enough to stay in cache. */
  private static final int CHUNK = 512;
  private final Broadcast<double[]> params;
  private final NetworkSpec spec;

  ScoreFunction(Broadcast<double[]> params, NetworkSpec spec) {
    this.params = params;
    this.spec = spec;
  }

  @Override
  public Score apply(TaskContext context, Iterator<Block> blocks) {
    Score score = new Score();
    double[] w = params.value();
    BatchNetwork net = null;
    while (blocks.hasNext()) {
      Block block = blocks.next();
      if (net == null) net = new BatchNetwork(spec, Math.min(CHUNK, block.count()));
      scoreBlock(w, block, net, score);
    }
    return score;
  }

  private static void scoreBlock(double[] w, Block block, BatchNetwork net, Score score) {
    double[] x = net.input();
    double cost = 0;
    long right = 0;
    for (int start = block.first(); start < block.end(); start += net.capacity()) {
      int k = Math.min(net.capacity(), block.end() - start);
      for (int c = 0; c < k; c++) block.widen(start + c, x, c);
      double[] out = net.forward(w, k);
      for (int c = 0; c < k; c++) {
        int label = block.label(start + c);
        cost += net.sampleCost(out, c, label);
        if (net.predicted(out, c) == label) right++;
      }
    }
    score.add(cost, right, block.count());
  }
}
