package org.nndl.train;

import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.nndl.cache.CachedSet;
import org.nndl.compute.JobDescription;
import org.nndl.eval.Evaluator;
import org.nndl.net.Dropout;
import org.nndl.net.Sgd;

/**
 * Whole epochs in one task, for a training set so small that an epoch's arithmetic is less than
 * the Spark jobs it would otherwise take (the notebook's 1,000 digits: about 20 ms of steps and
 * scoring against a fused-steps job and a scoring job, each epoch). The training set is one
 * partition (the plan's fused steps); the task reads it and every block of the sets scored after
 * each epoch, then for each epoch takes the fused steps ({@link FusedStepsFunction#take}) and
 * scores each set partition by partition, as the scoring job's tasks do, so every figure has the
 * bits of the per-epoch path. The task runs the learning-rate {@link Schedule} for the next
 * epoch's eta as the driver does (it is pure); the driver replays each epoch's figures through
 * its own. A task takes about {@link StepBudget#TARGET_SECONDS} of epochs, so a stop request
 * (checked between tasks) acts within a second and a lost executor costs little.
 */
final class EpochTasks {
  /** An epoch of at most this much arithmetic (seconds on one core) runs in tasks of whole epochs. */
  static final double MOST_EPOCH_SECONDS = StepBudget.TARGET_SECONDS / 4;

  private final JavaSparkContext sc;
  private final GradientDescent descent;
  private final JavaRDD<EpochsFunction.Scored> scored;
  private final int[] partitions;  // of each scored set
  private final Evaluator evaluator;
  private final Dropout dropout;
  private final int earlyStop;
  private final int patience;
  private final int validationSlot;  // the validation set's place among the scored, or -1
  private int next = 1;  // epochs in the next task: one at first, then as the last task's time says

  EpochTasks(JavaSparkContext sc, GradientDescent descent, List<CachedSet> scoredSets, int validationSlot,
      Evaluator evaluator, Dropout dropout, int earlyStop, int patience) {
    this.sc = sc;
    this.descent = descent;
    this.scored = EpochsFunction.scored(scoredSets);
    this.partitions = scoredSets.stream().mapToInt(CachedSet::partitions).toArray();
    this.evaluator = evaluator;
    this.dropout = dropout;
    this.earlyStop = earlyStop;
    this.patience = patience;
    this.validationSlot = validationSlot;
  }

  /**
   * True when epochs of trainN samples (one partition) with scoredN samples scored after each
   * are at most {@link #MOST_EPOCH_SECONDS} of arithmetic at {@link Plan#FLOPS_PER_CORE}.
   */
  static boolean suit(int parameterCount, long trainN, long scoredN) {
    double flops = 6.0 * parameterCount * trainN + 2.0 * parameterCount * scoredN;  // steps, then forward passes
    return flops / Plan.FLOPS_PER_CORE <= MOST_EPOCH_SECONDS;
  }

  /** Epochs to ask of the next task, at most left. */
  int next(int left) { return Math.min(next, left); }

  /**
   * Runs epochs first .. first+count-1 from params (and momentum's velocity in the descent's
   * updater) in one task; returns what each did, up to the first that diverged or that the
   * schedule ended. Neither params nor the velocity change here: the caller takes each epoch's.
   */
  List<EpochsFunction.Epoch> run(double[] params, long seed, int first, int count, Schedule.State schedule, Sgd sgd) {
    int[][] orders = new int[count][];
    for (int i = 0; i < count; i++) orders[i] = descent.order(seed, first + i);
    double[] velocity = sgd.momentum() != 0 ? descent.state() : null;
    Broadcast<double[][]> bc = sc.broadcast(new double[][] {params, velocity});
    try {
      EpochsFunction task = new EpochsFunction(bc, orders, first, sgd, descent.layout(), descent.gradient(), descent.probe(),
          evaluator, dropout, new Schedule(earlyStop, patience, schedule), partitions, validationSlot);
      String name = count == 1 ? "epoch " + first : "epochs " + first + "-" + (first + count - 1);
      EpochsFunction.Epochs done = JobDescription.run(sc, name + " fused with evaluation",
          () -> descent.set().blocks().zipPartitions(scored, task).collect().get(0));
      if (!done.epochs.isEmpty()) next = StepBudget.following(done.epochs.size(), done.nanos);
      return done.epochs;
    } finally {
      bc.destroy();
    }
  }
}
