package org.nndl.train;

import java.util.Arrays;
import java.util.function.BooleanSupplier;
import org.apache.spark.api.java.JavaSparkContext;
import org.nndl.cache.CachedSet;
import org.nndl.compute.ExactSum;
import org.nndl.compute.Gradient;
import org.nndl.compute.JobDescription;
import org.nndl.compute.PartitionJob;
import org.nndl.net.EpochOrder;
import org.nndl.net.KeyedShuffle;
import org.nndl.net.Sgd;
import org.nndl.train.parallel.Steps;

/**
 * Local SGD with periodic averaging ({@code --sync-every K}): far fewer Spark jobs than the exact
 * loop, whose one job per mini-batch makes Spark's per-job overhead dominate.
 *
 * <p>Each round the driver broadcasts w; every partition p with samples left in the epoch starts
 * from w and takes up to K of its own mini-batch steps (the book's eq. 93-94 through
 * {@link Updater}, with n = the whole training set and m = the batch's actual length), walking
 * its n_p samples in a shuffle keyed by (seed, epoch, p) ({@link KeyedShuffle}; with one partition,
 * the notebook's order {@link EpochOrder}). The driver then combines the changes:
 *
 * <pre>  w <- w + sum_p c_p (w_p - w) / sum_p c_p,   c_p = samples p processed this round,</pre>
 *
 * as an {@link ExactSum} of (c_p / sum c) (w_p - w), so the result does not depend on which task
 * finishes first. An epoch is ceil(max_p ceil(n_p/m) / K) rounds; K >= that (e.g.
 * Integer.MAX_VALUE) means one round per epoch. With one partition and K = 1 this is the
 * reference's algorithm: the partition walks the global order, sent with each round.
 */
public final class LocalSgd implements Optimizer {
  /** Odd 64-bit constant spreading partition indices over keys; p = 0 keeps the run's seed. */
  private static final long PARTITION_MIX = 0xD1B54A32D192ED03L;

  private final JavaSparkContext sc;
  private final CachedSet set;
  private final Gradient gradient;
  private final Updater updater;
  private final long syncEvery;
  private final double[] change;
  private final double[] previous;
  private EpochOrder orders;  // the notebook's order, walked when one partition holds every sample

  /** syncEvery = K, the local steps between synchronizations (>= 1). */
  public LocalSgd(JavaSparkContext sc, CachedSet set, Gradient gradient, Updater updater, int parameterCount,
      int syncEvery) {
    this.sc = sc;
    this.set = set;
    this.gradient = gradient;
    this.updater = updater;
    this.syncEvery = syncEvery;
    this.change = new double[parameterCount];
    this.previous = new double[parameterCount];
  }

  /**
   * Runs one epoch on params in place; the outcome's steps are the synchronization rounds done.
   * Checks stop before each round; on a non-finite local or combined result it keeps params as
   * they were before that round and reports divergence.
   */
  @Override
  public EpochOutcome epoch(double[] params, long seed, int epoch, Sgd sgd, BooleanSupplier stop) {
    int m = sgd.m();
    int[] first = set.firstSample();
    int parts = set.partitions();
    long maxSteps = 0;
    for (int p = 0; p < parts; p++) maxSteps = Math.max(maxSteps, Steps.of(first[p + 1] - first[p], m));
    long rounds = (maxSteps + syncEvery - 1) / syncEvery;
    int[] global = parts == 1 ? orders(seed).of(epoch) : null;
    for (long r = 0; r < rounds; r++) {
      if (stop.getAsBoolean()) return new EpochOutcome((int) r, true, false);
      long round = r;
      ExactSum sum = JobDescription.run(sc, "epoch " + epoch + " round " + (r + 1) + "/" + rounds,
          () -> round(params, first, seed, epoch, sgd, round, global));
      if (sum.invalid()) return new EpochOutcome((int) r, false, true);
      sum.toDoubles(change);
      boolean finite = Optimizer.finiteOrUndone(params, previous, w -> { for (int i = 0; i < w.length; i++) w[i] += change[i]; });
      if (!finite) return new EpochOutcome((int) r, false, true);
    }
    return new EpochOutcome((int) rounds, false, false);
  }

  /**
   * One Spark job: sum_p (c_p / sum c) (w_p - w) over the partitions with samples left; global is
   * the epoch's order when one partition holds every sample (only this round's part is sent), else null.
   */
  private ExactSum round(double[] params, int[] first, long seed, int epoch, Sgd sgd, long r, int[] global) {
    int parts = first.length - 1, m = sgd.m();
    long[] c = new long[parts];
    long total = 0;
    for (int p = 0; p < parts; p++) total += c[p] = Steps.samplesInRound(first[p + 1] - first[p], m, r, syncEvery);
    double[] weight = new double[parts];
    int[] taking = new int[parts];
    int count = 0;
    for (int p = 0; p < parts; p++) {
      if (c[p] == 0) continue;  // walked all its samples: contributes nothing
      weight[p] = (double) c[p] / total;
      taking[count++] = p;
    }
    int[] roundOrder = global == null ? null : roundSamples(global, m, r, syncEvery);
    return PartitionJob.withParams(sc, params, set.blocks(),
        bc -> new LocalStepsFunction(bc, first, seed, epoch, sgd, r, syncEvery, roundOrder, weight, gradient, updater),
        Arrays.copyOf(taking, count), new ExactSum(), ExactSum.class);
  }

  private EpochOrder orders(long seed) { return orders = EpochOrder.reuse(orders, seed, change.length, set.size()); }

  /** The part of order that round r's local steps walk: from its first step's first sample to its last step's end. */
  static int[] roundSamples(int[] order, int m, long r, long syncEvery) {
    long steps = Steps.of(order.length, m);
    int from = (int) Math.min(Steps.roundStart(r, syncEvery, steps) * m, order.length);
    int to = (int) Math.min(Steps.roundEnd(r, syncEvery, steps) * m, order.length);
    return Arrays.copyOfRange(order, from, to);
  }

  /** The key of partition p's shuffles when there are several partitions. */
  static long partitionSeed(long seed, int p) { return seed ^ (p * PARTITION_MIX); }

  /** Partition p's walk of its count samples in epoch (several partitions), as local indices 0..count-1. */
  static int[] localOrder(long seed, int epoch, int p, int count) {
    return KeyedShuffle.permutation(count, partitionSeed(seed, p), epoch);
  }
}
