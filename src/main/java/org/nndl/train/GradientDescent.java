package org.nndl.train;

import java.util.Arrays;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.nndl.cache.CachedSet;
import org.nndl.compat.Scala;
import org.nndl.compute.ExactSum;
import org.nndl.compute.Gradient;
import org.nndl.compute.JobDescription;
import org.nndl.compute.PartitionJob;
import org.nndl.net.EpochOrder;
import org.nndl.net.Layout;
import org.nndl.net.Sgd;

/**
 * The distributed loop (MLlib's {@code GradientDescent} role). Each epoch walks the notebook's
 * order ({@link EpochOrder}) in mini-batches of m; each step broadcasts the parameters, sums the
 * batch's gradient over the partitions that hold its samples, and applies the {@link Updater}.
 *
 * <p>Consecutive steps whose batches all lie in one partition (every step, with one partition)
 * run back to back in one task on the executor that holds them ({@link FusedStepsFunction}),
 * about half a second of steps per task ({@link StepBudget}): the same arithmetic without a
 * Spark job per step, and the same bits.
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
  private final ExactStep exactStep;
  private final int directLimit;
  private final int parameterCount;
  private EpochOrder orders;  // the notebook's order of each epoch, for the last seed asked
  private boolean fuse = true;
  private FusedStepsFunction.Probe probe = FusedStepsFunction.Probe.NONE;
  private int stepsPerTask;  // 0: as the StepBudget says
  private StepBudget budget;  // kept across epochs: what one task learns sizes the next epoch's too
  private int budgetM;

  public GradientDescent(JavaSparkContext sc, CachedSet set, Gradient gradient, Updater updater, int parameterCount) {
    this(sc, set, gradient, updater, parameterCount, DIRECT_LIMIT);
  }

  GradientDescent(JavaSparkContext sc, CachedSet set, Gradient gradient, Updater updater, int parameterCount,
      int directLimit) {
    this.sc = sc;
    this.set = set;
    this.gradient = gradient;
    this.updater = updater;
    this.exactStep = new ExactStep(updater, parameterCount);
    this.directLimit = directLimit;
    this.parameterCount = parameterCount;
  }

  /** One Spark job per step even where steps could be fused: the card's shape, for comparisons. */
  public GradientDescent oneJobPerStep() {
    fuse = false;
    return this;
  }

  /** Fused tasks of at most k steps each, instead of about half a second's (for tests). */
  GradientDescent stepsPerTask(int k) {
    stepsPerTask = k;
    return this;
  }

  /** Lets a test look at each fused step on the executor. */
  GradientDescent probe(FusedStepsFunction.Probe p) {
    probe = p;
    return this;
  }

  /**
   * Runs one epoch on params in place. Checks stop before each job (a step, or a fused task's
   * steps); on a non-finite gradient or update it keeps params as they were before that step and
   * reports divergence.
   */
  @Override
  public EpochOutcome epoch(double[] params, long seed, int epoch, Sgd sgd, BooleanSupplier stop) {
    int n = set.size(), m = sgd.m();
    int[] order = orders(seed).of(epoch);
    int total = (n + m - 1) / m, steps = 0;
    if (budget == null || budgetM != m) {
      budget = new StepBudget(m, params.length);
      budgetM = m;
    }
    while (steps < total) {
      if (stop.getAsBoolean()) return new EpochOutcome(steps, true, false);
      int most = stepsPerTask > 0 ? stepsPerTask : budget.next();
      int run = fuse ? samePartitionRun(order, steps, Math.min(total, steps + most), m) : 0;
      if (run > 0) {
        int first = steps;
        FusedSteps r = JobDescription.run(sc, "epoch " + epoch + " fused steps " + (first + 1) + "-" + (first + run),
            () -> fused(params, order, first, run, n, epoch, sgd));
        budget.record(r.done, r.nanos);
        steps += r.done;
        if (r.diverged) return new EpochOutcome(steps, false, true);
        continue;
      }
      int[] batch = Arrays.copyOfRange(order, steps * m, Math.min(steps * m + m, n));
      Arrays.sort(batch);  // lets each block find its samples by binary search
      long s = steps;
      ExactSum sum = JobDescription.run(sc, "epoch " + epoch + " step " + (s + 1) + "/" + total,
          () -> step(params, batch, epoch, s));
      if (!exactStep.take(params, sum, batch.length, sgd, n)) {
        return new EpochOutcome(steps, false, true);
      }
      steps++;
    }
    return new EpochOutcome(steps, false, false);
  }

  /** Epoch e's order of the training set for seed. */
  int[] order(long seed, int epoch) { return orders(seed).of(epoch); }

  CachedSet set() { return set; }

  Gradient gradient() { return gradient; }

  Layout layout() { return updater.layout(); }

  FusedStepsFunction.Probe probe() { return probe; }

  /** True when steps may be fused (not one job per step, nor tasks of a forced size). */
  boolean fuses() { return fuse && stepsPerTask == 0; }

  private EpochOrder orders(long seed) { return orders = EpochOrder.reuse(orders, seed, parameterCount, set.size()); }

  @Override public double[] state() { return updater.velocity(); }

  @Override public void restore(double[] state) { updater.setVelocity(state); }

  /** How many steps from step {@code from} (before step {@code to}) have their batches in one partition. */
  private int samePartitionRun(int[] order, int from, int to, int m) {
    int p = -1;
    for (int s = from; s < to; s++) {
      int q = partitionOfBatch(order, s * m, Math.min(s * m + m, order.length));
      if (q < 0 || (p >= 0 && q != p)) return s - from;
      p = q;
    }
    return to - from;
  }

  /** The partition holding every sample of order[from, to), or -1 when they are spread over several. */
  private int partitionOfBatch(int[] order, int from, int to) {
    int lo = Integer.MAX_VALUE, hi = -1;
    for (int i = from; i < to; i++) {
      lo = Math.min(lo, order[i]);
      hi = Math.max(hi, order[i]);
    }
    int p = set.partitionOf(lo);
    return hi < set.firstSample()[p + 1] ? p : -1;  // partitions hold contiguous ranges
  }

  /** One Spark job: steps {@code first .. first+count-1} of the epoch in one task; params (and velocity) updated. */
  private FusedSteps fused(double[] params, int[] order, int first, int count, int n, int epoch, Sgd sgd) {
    int m = sgd.m();
    int[] samples = Arrays.copyOfRange(order, first * m, Math.min((first + count) * m, n));
    Layout layout = updater.layout();
    double[] velocity = sgd.momentum() != 0 ? updater.velocity() : null;
    Broadcast<double[][]> bc = sc.broadcast(new double[][] {params, velocity});
    try {
      FusedStepsFunction task = new FusedStepsFunction(bc, samples, first, n, epoch, sgd, layout, gradient, probe);
      int part = set.partitionOf(samples[0]);
      FusedSteps r = PartitionJob.run(sc, set.blocks(), task, new int[] {part}, new FusedSteps(), FusedSteps.class);
      System.arraycopy(r.params, 0, params, 0, params.length);
      if (r.velocity != null) updater.setVelocity(r.velocity);
      return r;
    } finally {
      bc.destroy();
    }
  }

  /** One Spark job: the summed gradient at params of the batch, step number {@code step} of the epoch. */
  ExactSum step(double[] params, int[] batch, int epoch, long step) {
    Broadcast<double[]> bc = sc.broadcast(params);
    try {
      StepFunction task = new StepFunction(bc, batch, epoch, step, gradient);
      int[] parts = set.partitionsOf(batch);
      if (parts.length > directLimit) {
        // one ExactSum per partition, as the direct path: the same rounding, so the same bits
        return set.blocks().mapPartitions(blocks -> List.of(task.apply(TaskContext.get(), Scala.iterator(blocks))).iterator())
            .treeAggregate(new ExactSum(), ExactSum::merge, ExactSum::merge);
      }
      return PartitionJob.run(sc, set.blocks(), task, parts, new ExactSum(), ExactSum.class);
    } finally {
      bc.destroy();
    }
  }
}
