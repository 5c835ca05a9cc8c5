package org.nndl.train;

import java.io.Serializable;
import org.apache.spark.TaskContext;
import org.apache.spark.broadcast.Broadcast;
import org.nndl.compute.ExactSum;
import org.nndl.compute.Gradient;
import org.nndl.compute.PartitionJob;
import org.nndl.data.Block;
import scala.collection.Iterator;
import scala.runtime.AbstractFunction2;

/**
 * The task of one SGD step: the summed gradient of the mini-batch's samples held by one
 * partition. A named class rather than a lambda: Spark re-reads a lambda's bytecode to clean it
 * on every job, which cost more than the step's arithmetic (see README, "Per-step cost").
 */
final class StepFunction extends AbstractFunction2<TaskContext, Iterator<Block>, ExactSum> implements Serializable {
  private final Broadcast<double[]> params;
  private final int[] batch;
  private final int epoch;
  private final long step;
  private final Gradient gradient;

  StepFunction(Broadcast<double[]> params, int[] batch, int epoch, long step, Gradient gradient) {
    this.params = params;
    this.batch = batch;
    this.epoch = epoch;
    this.step = step;
    this.gradient = gradient;
  }

  @Override
  public ExactSum apply(TaskContext context, Iterator<Block> blocks) {
    ExactSum sum = new ExactSum();
    gradient.add(params.value(), PartitionJob.list(blocks), batch, epoch, step, sum);
    return sum;
  }
}
