package org.nndl.train;

import java.io.Serializable;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.nndl.data.Block;
import org.nndl.net.NetworkSpec;

/** Scores a whole set in one Spark job: each block goes forward in chunks of matrix products. */
public final class Evaluator implements Serializable {
  private static final int CHUNK = 256;
  private final NetworkSpec spec;

  public Evaluator(NetworkSpec spec) { this.spec = spec; }

  public Score score(JavaSparkContext sc, JavaRDD<Block> blocks, double[] params) {
    Broadcast<double[]> bc = sc.broadcast(params);
    try {
      return blocks.treeAggregate(new Score(), (score, block) -> scoreBlock(bc.value(), block, score), Score::merge);
    } finally {
      bc.destroy();
    }
  }

  private Score scoreBlock(double[] params, Block block, Score score) {
    BatchNetwork net = new BatchNetwork(spec, Math.min(CHUNK, block.count()));
    double[] x = net.input();
    double cost = 0;
    long right = 0;
    for (int start = block.first(); start < block.end(); start += net.capacity()) {
      int k = Math.min(net.capacity(), block.end() - start);
      for (int c = 0; c < k; c++) block.widen(start + c, x, c);
      double[] out = net.forward(params, k);
      for (int c = 0; c < k; c++) {
        int label = block.label(start + c);
        cost += net.sampleCost(out, c, label);
        if (net.predicted(out, c) == label) right++;
      }
    }
    score.add(cost, right, block.count());
    return score;
  }
}
