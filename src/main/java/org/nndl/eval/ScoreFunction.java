package org.nndl.eval;

import java.io.Serializable;
import org.apache.spark.TaskContext;
import org.apache.spark.broadcast.Broadcast;
import org.nndl.data.Block;
import org.nndl.net.NetworkSpec;
import scala.collection.Iterator;
import scala.runtime.AbstractFunction2;

/** The task of an evaluation: cost and correct count of every sample of a partition. */
final class ScoreFunction extends AbstractFunction2<TaskContext, Iterator<Block>, Score> implements Serializable {
  private final Broadcast<double[]> params;
  private final NetworkSpec spec;

  ScoreFunction(Broadcast<double[]> params, NetworkSpec spec) {
    this.params = params;
    this.spec = spec;
  }

  @Override
  public Score apply(TaskContext context, Iterator<Block> blocks) { return score(new ForwardPass(spec), params.value(), blocks); }

  /** A partition's score at params w. */
  static Score score(ForwardPass pass, double[] w, Iterator<Block> blocks) {
    double[] cost = {0, 0};  // summed in index order within the partition: the same bits every run
    long[] right = {0}, count = {0};
    pass.each(w, blocks, (net, out, c, index, label, x) -> {
      double sample = net.sampleCost(out, c, label);
      cost[0] += sample;
      cost[1] += sample * Score.SCALE;
      if (net.predicted(out, c) == label) right[0]++;
      count[0]++;
    });
    Score score = new Score();
    score.add(cost[0], cost[1], right[0], count[0]);
    return score;
  }
}
