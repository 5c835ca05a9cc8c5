package org.nndl.eval;

import java.io.Serializable;
import org.nndl.compute.ExactSum;
import org.nndl.compute.Mergeable;
import org.nndl.net.Layout;
import org.nndl.net.Regularization;

/**
 * Cost and accuracy of a network over a set, summed across partitions. The cost sum is an
 * {@link ExactSum} so that the reported figures too are the same bits run after run.
 */
public final class Score implements Serializable, Mergeable<Score> {
  private final ExactSum costSum = new ExactSum();
  private long correct;
  private long count;

  /** Adds one block's figures (its cost summed in a fixed order, so deterministic too). */
  void add(double cost, long right, long samples) {
    costSum.add(new double[] {cost});
    correct += right;
    count += samples;
  }

  @Override
  public Score merge(Score o) {
    costSum.merge(o.costSum);
    correct += o.correct;
    count += o.count;
    return this;
  }

  public long correct() { return correct; }

  public long count() { return count; }

  public double accuracy() { return count == 0 ? Double.NaN : (double) correct / count; }

  /** The mean cost over the set (NaN when a sample's cost overflowed the exact sum). */
  public double meanCost() {
    double sum = costSum.toDoubles(new double[1])[0];
    return costSum.invalid() ? Double.NaN : sum / count;
  }

  /**
   * network2's total_cost: the mean cost plus the weight penalty with n = this set's size, e.g.
   * 0.5*(lambda/n_set)*sum ||w||^2 for L2.
   */
  public double totalCost(Regularization reg, double lambda, Layout layout, double[] params) {
    return meanCost() + reg.penalty(layout, params, lambda, (int) count);
  }
}
