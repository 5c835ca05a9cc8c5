package org.nndl.eval;

import java.io.Serializable;
import org.nndl.compute.ExactSum;
import org.nndl.compute.Mergeable;
import org.nndl.net.Layout;
import org.nndl.net.Regularization;

/**
 * Cost and accuracy of a network over a set, summed across partitions. The cost sum is an
 * {@link ExactSum} so that the reported figures too are the same bits run after run.
 *
 * <p>A saturated network (a sigmoid output of exactly 1.0 on a wrong class) costs the largest
 * double per sample, as network2.py's nan_to_num makes it: beyond the exact sum's range. The cost
 * is a monitoring figure, so it is then taken from a plain double sum scaled by 2^-64, which
 * overflows only where network2.py's own sum of cost/n does (a mean beyond the largest double, or a
 * sample costing +inf: two saturated wrong outputs): huge but finite, as network2.py reports it.
 */
public final class Score implements Serializable, Mergeable<Score> {
  /** Each sample's cost times this goes into the plain sum. */
  static final double SCALE = 0x1p-64;

  private final ExactSum costSum = new ExactSum();
  private double scaledCost;
  private long correct;
  private long count;

  /**
   * Adds one partition's figures: its cost summed in a fixed order (so deterministic too), and the
   * same costs each times {@link #SCALE} summed.
   */
  void add(double cost, double scaled, long right, long samples) {
    costSum.add(new double[] {cost});
    scaledCost += scaled;
    correct += right;
    count += samples;
  }

  @Override
  public Score merge(Score o) {
    costSum.merge(o.costSum);
    scaledCost += o.scaledCost;
    correct += o.correct;
    count += o.count;
    return this;
  }

  public long correct() { return correct; }

  public long count() { return count; }

  public double accuracy() { return count == 0 ? Double.NaN : (double) correct / count; }

  /** The mean cost over the set: exact, or from the plain sum when the costs are beyond the exact sum's range. */
  public double meanCost() {
    if (costSum.invalid()) return scaledCost / count / SCALE;
    return costSum.toDoubles(new double[1])[0] / count;
  }

  /**
   * network2's total_cost: the mean cost plus the weight penalty with n = this set's size, e.g.
   * 0.5*(lambda/n_set)*sum ||w||^2 for L2.
   */
  public double totalCost(Regularization reg, double lambda, Layout layout, double[] params) {
    return meanCost() + reg.penalty(layout, params, lambda, (int) count);
  }
}
