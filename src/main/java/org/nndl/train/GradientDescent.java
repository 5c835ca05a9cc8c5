package org.nndl.train;

import java.util.Arrays;
import java.util.function.BooleanSupplier;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.nndl.data.Block;
import org.nndl.net.EpochOrder;

/**
 * The distributed loop (MLlib's {@code GradientDescent} role). Each epoch walks a seeded
 * permutation in mini-batches of m; each step broadcasts the parameters, sums the batch's
 * gradient over the partitions with {@code treeAggregate}, and applies the {@link Updater}.
 */
public final class GradientDescent {
  private final JavaSparkContext sc;
  private final JavaRDD<Block> blocks;
  private final int n;
  private final Gradient gradient;
  private final Updater updater;
  private final double[] gradSum;
  private final double[] previous;

  public GradientDescent(JavaSparkContext sc, JavaRDD<Block> blocks, int n, Gradient gradient, Updater updater,
      int parameterCount) {
    this.sc = sc;
    this.blocks = blocks;
    this.n = n;
    this.gradient = gradient;
    this.updater = updater;
    this.gradSum = new double[parameterCount];
    this.previous = new double[parameterCount];
  }

  /** What an epoch did: the steps taken and why it ended early, if it did. */
  public record EpochOutcome(int steps, boolean stopped, boolean diverged) {}

  /**
   * Runs one epoch on params in place. Checks stop before each step; on a non-finite gradient it
   * leaves params as they were before that step and reports divergence.
   */
  public EpochOutcome epoch(double[] params, long seed, int epoch, int m, double eta, double lambda,
      BooleanSupplier stop) {
    int[] order = EpochOrder.permutation(n, seed, epoch);
    int steps = 0;
    for (int k = 0; k < n; k += m) {
      if (stop.getAsBoolean()) return new EpochOutcome(steps, true, false);
      int[] batch = Arrays.copyOfRange(order, k, Math.min(k + m, n));
      Arrays.sort(batch);  // lets each block find its samples by binary search
      ExactSum sum = step(params, batch);
      if (sum.invalid()) return new EpochOutcome(steps, false, true);
      sum.toDoubles(gradSum);
      System.arraycopy(params, 0, previous, 0, params.length);
      updater.apply(params, gradSum, batch.length, eta, lambda, n);
      if (!allFinite(params)) {  // keep the last finite parameters
        System.arraycopy(previous, 0, params, 0, params.length);
        return new EpochOutcome(steps, false, true);
      }
      steps++;
    }
    return new EpochOutcome(steps, false, false);
  }

  /** One Spark job: the batch's summed gradient at params. */
  private ExactSum step(double[] params, int[] batch) {
    Broadcast<double[]> bc = sc.broadcast(params);
    Gradient g = gradient;
    try {
      return blocks.treeAggregate(new ExactSum(),
          (sum, block) -> { g.add(bc.value(), block, batch, sum); return sum; },
          ExactSum::merge);
    } finally {
      bc.destroy();
    }
  }

  private static boolean allFinite(double[] a) {
    for (double v : a) if (!Double.isFinite(v)) return false;
    return true;
  }
}
