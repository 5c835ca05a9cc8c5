package org.nndl.train;

import java.io.Serializable;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.TaskContext;
import org.apache.spark.broadcast.Broadcast;
import org.nndl.compute.Gradient;
import org.nndl.compute.PartitionJob;
import org.nndl.data.Block;
import org.nndl.net.Layout;
import org.nndl.net.Sgd;
import scala.collection.Iterator;
import scala.runtime.AbstractFunction2;

/**
 * The task of consecutive exact SGD steps whose mini-batches all lie in this partition: each is
 * the per-step path's step, taken here back to back: the batch's gradient summed in one part (as
 * the one partition's partial sum a per-step job hands the driver, whose total then equals it,
 * refused in the same range), the same {@link ExactStep} on the same {@link Updater} (momentum's
 * velocity carried in and out), dropout masks from (epoch, step, sample). So the parameters it
 * returns are those of one job per step, bit for bit; everything comes from the broadcast and
 * the fields, so a retried task returns them too.
 */
final class FusedStepsFunction extends AbstractFunction2<TaskContext, Iterator<Block>, FusedSteps>
    implements Serializable {
  /** A test's look at each step before it is taken (e.g. to fail a first attempt). */
  interface Probe extends Serializable {
    Probe NONE = (context, step) -> {};

    void beforeStep(TaskContext context, long step);
  }

  private final Broadcast<double[][]> start;  // {params, velocity or null}
  private final int[] samples;                // the steps' samples, in the epoch's order
  private final long firstStep;
  private final int m;
  private final int n;
  private final int epoch;
  private final Sgd sgd;
  private final Layout layout;
  private final Gradient gradient;
  private final Probe probe;

  FusedStepsFunction(Broadcast<double[][]> start, int[] samples, long firstStep, int n, int epoch, Sgd sgd,
      Layout layout, Gradient gradient, Probe probe) {
    this.start = start;
    this.samples = samples;
    this.firstStep = firstStep;
    this.m = sgd.m();
    this.n = n;
    this.epoch = epoch;
    this.sgd = sgd;
    this.layout = layout;
    this.gradient = gradient;
    this.probe = probe;
  }

  @Override
  public FusedSteps apply(TaskContext context, Iterator<Block> it) {
    long t0 = System.nanoTime();
    List<Block> blocks = PartitionJob.list(it);
    double[] w = start.value()[0].clone();
    Updater updater = new Updater(layout);
    if (start.value()[1] != null) updater.setVelocity(start.value()[1]);
    int steps = (samples.length + m - 1) / m;
    int done = take(context, blocks, w, new ExactStep(updater, w.length), samples, firstStep, n, epoch, sgd, gradient, probe);
    return result(w, updater, done, done < steps, t0);
  }

  /**
   * Takes the steps of samples (consecutive batches of sgd's m, the first of them step number
   * firstStep of the epoch) on w in place; returns the steps taken, fewer than the batches when
   * the next one diverged (w then as before it).
   */
  static int take(TaskContext context, List<Block> blocks, double[] w, ExactStep step, int[] samples, long firstStep,
      int n, int epoch, Sgd sgd, Gradient gradient, Probe probe) {
    int m = sgd.m();
    double[] part = new double[w.length];  // the batch's gradient: all its samples are here, so its sum has one part
    double[] current = w;
    int steps = (samples.length + m - 1) / m, s = 0;
    for (; s < steps; s++) {
      probe.beforeStep(context, firstStep + s);
      int[] batch = Arrays.copyOfRange(samples, s * m, Math.min(s * m + m, samples.length));
      Arrays.sort(batch);  // as the per-step path: lets each block find its samples by binary search
      Arrays.fill(part, 0.0);
      gradient.accumulate(current, blocks, batch, epoch, firstStep + s, part);
      double[] next = step.fromPart(current, part, batch.length, sgd, n);
      if (next == null) break;
      current = next;
    }
    step.settle(w, current);
    return s;
  }

  private FusedSteps result(double[] w, Updater updater, int done, boolean diverged, long t0) {
    return new FusedSteps(w, start.value()[1] == null ? null : updater.velocity(), done, diverged, System.nanoTime() - t0);
  }
}
