package org.nndl.train;

import java.io.Serializable;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.TaskContext;
import org.apache.spark.broadcast.Broadcast;
import org.nndl.compute.ExactSum;
import org.nndl.compute.StepSweep;
import org.nndl.compute.Gradient;
import org.nndl.compute.PartitionJob;
import org.nndl.data.Block;
import org.nndl.net.Sgd;
import org.nndl.train.parallel.Steps;
import scala.collection.Iterator;
import scala.runtime.AbstractFunction2;

/**
 * The task of one {@link LocalSgd} round on partition p: starting from the broadcast w, up to K
 * mini-batch steps over p's own samples in its keyed order (or, for one partition, the round's part
 * of the global order the driver sends), each w <- update(w, sum nabla C); returns
 * (c_p / sum c) (w_p - w). Everything is derived from (seed, epoch, p, round) or sent, so a
 * retried task walks the same samples. A named class, not a lambda: no closure cleaning per job.
 */
final class LocalStepsFunction extends AbstractFunction2<TaskContext, Iterator<Block>, ExactSum> implements Serializable {
  private final Broadcast<double[]> params;
  private final int[] firstSample;
  private final long seed;
  private final int epoch;
  private final Sgd sgd;
  private final long round;
  private final long syncEvery;
  private final int[] roundOrder;
  private final double[] weight;
  private final Gradient gradient;
  private final Updater updater;

  LocalStepsFunction(Broadcast<double[]> params, int[] firstSample, long seed, int epoch, Sgd sgd, long round,
      long syncEvery, int[] roundOrder, double[] weight, Gradient gradient, Updater updater) {
    this.params = params;
    this.firstSample = firstSample;
    this.seed = seed;
    this.epoch = epoch;
    this.sgd = sgd;
    this.round = round;
    this.syncEvery = syncEvery;
    this.roundOrder = roundOrder;
    this.weight = weight;
    this.gradient = gradient;
    this.updater = updater;
  }

  @Override
  public ExactSum apply(TaskContext context, Iterator<Block> it) {
    int p = context.partitionId(), m = sgd.m();
    int first = firstSample[p], count = firstSample[p + 1] - first, n = firstSample[firstSample.length - 1];
    List<Block> blocks = PartitionJob.list(it);
    long steps = Steps.of(count, m);
    long start = Steps.roundStart(round, syncEvery, steps);
    // order[i - offset]: the sample walked at position i of the partition's epoch
    int[] order = roundOrder != null ? roundOrder : LocalSgd.localOrder(seed, epoch, p, count);
    int offset = roundOrder != null ? (int) Math.min(start * m, count) : 0;
    double[] w0 = params.value();
    double[] w = w0.clone();                 // w_p, stepped in place
    double[] grad = new double[w.length];    // sum nabla C of the current batch
    int[] full = new int[m];
    StepSweep seen = new StepSweep();
    for (long s = start; s < Steps.roundEnd(round, syncEvery, steps); s++) {
      int from = (int) (s * m), to = Math.min(from + m, count);
      int[] batch = to - from == m ? full : new int[to - from];  // only the epoch's last batch is short
      for (int i = 0; i < batch.length; i++) batch[i] = first + order[from - offset + i];
      Arrays.sort(batch);  // lets each block find its samples by binary search
      Arrays.fill(grad, 0.0);
      gradient.accumulate(w, blocks, batch, epoch, s, grad);  // s: the partition's step, for dropout masks
      updater.apply(w, grad, w, batch.length, sgd, n, seen.reset());
      if (!seen.resultsFinite()) break;  // the sum below is then invalid: the round diverged
    }
    double c = weight[p];
    for (int i = 0; i < w.length; i++) w[i] = c * (w[i] - w0[i]);
    return new ExactSum().add(w);
  }
}
