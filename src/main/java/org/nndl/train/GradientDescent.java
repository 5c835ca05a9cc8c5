package org.nndl.train;

import java.util.Arrays;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.nndl.cache.CachedSet;
import org.nndl.compute.ExactSum;
import org.nndl.compute.Gradient;
import org.nndl.compute.PartitionJob;
import org.nndl.net.EpochOrder;
import org.nndl.net.Sgd;
import scala.jdk.javaapi.CollectionConverters;

/**
 * The distributed loop (MLlib's {@code GradientDescent} role). Each epoch walks the notebook's
 * order ({@link EpochOrder}) in mini-batches of m; each step broadcasts the parameters, sums the
 * batch's gradient over the partitions that hold its samples, and applies the {@link Updater}.
 *
 * <p>The partial sums are aggregated as {@code treeAggregate} does: when few partitions take part
 * (always so for the book's m = 10) they go straight to the driver, which is what
 * {@code treeAggregate} itself does below about six partitions; beyond {@link #DIRECT_LIMIT}
 * a real {@code treeAggregate} combines them on the executors. Both give the same bits: each
 * partition's gradient is rounded into one {@link ExactSum}, whose merges are exact.
 */
public final class GradientDescent implements Optimizer {
  /** Most partitions whose partial sums the driver merges itself. */
  static final int DIRECT_LIMIT = 8;

  private final JavaSparkContext sc;
  private final CachedSet set;
  private final Gradient gradient;
  private final Updater updater;
  private final double[] gradSum;
  private final double[] previous;
  private final int directLimit;
  private EpochOrder orders;  // the notebook's order of each epoch, for the last seed asked

  public GradientDescent(JavaSparkContext sc, CachedSet set, Gradient gradient, Updater updater, int parameterCount) {
    this(sc, set, gradient, updater, parameterCount, DIRECT_LIMIT);
  }

  GradientDescent(JavaSparkContext sc, CachedSet set, Gradient gradient, Updater updater, int parameterCount,
      int directLimit) {
    this.sc = sc;
    this.set = set;
    this.gradient = gradient;
    this.updater = updater;
    this.gradSum = new double[parameterCount];
    this.previous = new double[parameterCount];
    this.directLimit = directLimit;
  }

  /**
   * Runs one epoch on params in place. Checks stop before each step; on a non-finite gradient or
   * update it keeps params as they were before that step and reports divergence.
   */
  @Override
  public EpochOutcome epoch(double[] params, long seed, int epoch, Sgd sgd, BooleanSupplier stop) {
    int n = set.size(), m = sgd.m();
    int[] order = orders(seed).of(epoch);
    int steps = 0;
    for (int k = 0; k < n; k += m) {
      if (stop.getAsBoolean()) return new EpochOutcome(steps, true, false);
      int[] batch = Arrays.copyOfRange(order, k, Math.min(k + m, n));
      Arrays.sort(batch);  // lets each block find its samples by binary search
      ExactSum sum = step(params, batch, epoch, steps);
      if (sum.invalid()) return new EpochOutcome(steps, false, true);
      sum.toDoubles(gradSum);
      System.arraycopy(params, 0, previous, 0, params.length);
      updater.apply(params, gradSum, batch.length, sgd, n);
      if (!Optimizer.allFinite(params)) {
        System.arraycopy(previous, 0, params, 0, params.length);
        return new EpochOutcome(steps, false, true);
      }
      steps++;
    }
    return new EpochOutcome(steps, false, false);
  }

  /** The epoch orders for seed over the walked set, kept so that each next epoch costs one shuffle. */
  private EpochOrder orders(long seed) {
    if (orders == null || orders.seed() != seed) orders = new EpochOrder(seed, previous.length /* parameters */, set.size());
    return orders;
  }

  @Override public double[] state() { return updater.velocity(); }

  @Override public void restore(double[] state) { updater.setVelocity(state); }

  /** One Spark job: the summed gradient at params of the batch, step number {@code step} of the epoch. */
  ExactSum step(double[] params, int[] batch, int epoch, long step) {
    Broadcast<double[]> bc = sc.broadcast(params);
    try {
      StepFunction task = new StepFunction(bc, batch, epoch, step, gradient);
      int[] parts = set.partitionsOf(batch);
      if (parts.length > directLimit) {
        // one ExactSum per partition, as the direct path: the same rounding, so the same bits
        return set.blocks().mapPartitions(blocks -> List.of(task.apply(TaskContext.get(), CollectionConverters.asScala(blocks))).iterator())
            .treeAggregate(new ExactSum(), ExactSum::merge, ExactSum::merge);
      }
      return PartitionJob.run(sc, set.blocks(), task, parts, new ExactSum(), ExactSum.class);
    } finally {
      bc.destroy();
    }
  }
}
