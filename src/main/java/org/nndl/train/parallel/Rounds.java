package org.nndl.train.parallel;

import java.io.Serializable;
import java.util.Arrays;
import java.util.List;
import org.nndl.compute.ExactSum;
import org.nndl.compute.StepSweep;
import org.nndl.compute.Gradient;
import org.nndl.net.Sgd;
import org.nndl.train.Updater;

/**
 * One epoch of the parallel plan for the workers one task carries: round after round, each
 * carried worker takes its local steps from the shared w, its weighted change (c_k / sum c)
 * (w_k - w) goes into the task's {@link ExactSum}, the {@link Exchange} gives the total over all
 * tasks, and the {@link SyncRule} moves w and the velocity u. Every task computes the same total
 * (an exact sum, whatever the order of its parts) and applies the same rule, so every task holds
 * the same w after each round, with the same bits however the workers are spread over tasks.
 * Pure Java: the Spark task ({@link BarrierStretchFunction}) and an in-process run share it.
 */
public final class Rounds implements Serializable {
  /**
   * The rounds' channel between tasks: this task's part in; the sum of every task's part, rounded
   * once, written into change; false when the sum is not finite.
   */
  public interface Exchange {
    boolean total(ExactSum mine, double[] change);

    /** Within one task carrying every worker: the task's part is the total. */
    Exchange IN_PROCESS = (mine, change) -> {
      if (mine.invalid()) return false;
      mine.toDoubles(change);
      return true;
    };
  }

  /** How an epoch ended: the rounds combined, and whether the next one diverged (w, u as before it). */
  public record Outcome(long rounds, boolean diverged) {}

  private final Workers workers;
  private final SyncRule rule;
  private final Gradient gradient;
  private final Updater updater;

  public Rounds(Workers workers, SyncRule rule, Gradient gradient, Updater updater) {
    this.workers = workers;
    this.rule = rule;
    this.gradient = gradient;
    this.updater = updater;
  }

  public SyncRule rule() { return rule; }

  /** Rounds in an epoch at mini-batches of m. */
  public long perEpoch(int m) { return Steps.rounds(workers.mostSteps(m), rule.stepsPerRound()); }

  /**
   * Runs epoch on w and u in place for the carried shards. On a non-finite change or result w and
   * u stay as they were before that round and the outcome says diverged.
   */
  public Outcome epoch(double[] w, double[] u, List<Shard> carried, long seed, int epoch, Sgd sgd, Exchange exchange) {
    return epoch(w, u, carried, seed, epoch, sgd, exchange, null);
  }

  /** {@link #epoch}, w after each round also fed to tail (when not null): an in-process run's model. */
  public Outcome epoch(double[] w, double[] u, List<Shard> carried, long seed, int epoch, Sgd sgd, Exchange exchange,
      TailMean tail) {
    return epoch(w, u, carried, seed, epoch, sgd, exchange, tail, 0);
  }

  /**
   * {@link #epoch} from round fromRound on (w and u as the rounds before it left them: a retried
   * stage going on where an earlier attempt stopped), the rounds before it skipped.
   */
  Outcome epoch(double[] w, double[] u, List<Shard> carried, long seed, int epoch, Sgd sgd, Exchange exchange,
      TailMean tail, long fromRound) {
    int m = sgd.m();
    Sgd localSgd = sgd.withEta(sgd.eta() * rule.localRate());  // the workers' own steps
    int[][] orders = new int[carried.size()][];
    for (int i = 0; i < orders.length; i++) orders[i] = workers.order(seed, epoch, carried.get(i).worker());
    long rounds = perEpoch(m), k = rule.stepsPerRound();
    double[] local = new double[w.length], grad = new double[w.length], change = new double[w.length];
    double[] before = new double[w.length], velocityBefore = new double[w.length];
    ExactSum mine = new ExactSum();
    for (long r = fromRound; r < rounds; r++) {
      long total = 0;
      for (int j = 0; j < workers.count(); j++) total += Steps.samplesInRound(workers.size(j), m, r, k);
      mine.clear();
      for (int i = 0; i < orders.length; i++) {
        Shard shard = carried.get(i);
        long c = Steps.samplesInRound(shard.size(), m, r, k);
        if (c == 0) continue;  // walked all its samples: contributes nothing
        System.arraycopy(w, 0, local, 0, w.length);
        localSteps(local, grad, shard, orders[i], r, epoch, localSgd);
        double weight = (double) c / total;
        for (int p = 0; p < local.length; p++) local[p] = weight * (local[p] - w[p]);
        mine.add(local);  // a non-finite change marks the sum invalid
      }
      if (!exchange.total(mine, change) || !rule.applyFinite(w, u, change, before, velocityBefore)) return new Outcome(r, true);
      if (tail != null) tail.after(r, w);
    }
    return new Outcome(rounds, false);
  }

  /** Round r's local steps of one worker on w in place (the book's step through the {@link Updater}). */
  private void localSteps(double[] w, double[] grad, Shard shard, int[] order, long r, int epoch, Sgd sgd) {
    int m = sgd.m(), count = shard.size();
    long steps = Steps.of(count, m), k = rule.stepsPerRound();
    int[] full = new int[m];
    StepSweep seen = new StepSweep();
    for (long s = Steps.roundStart(r, k, steps); s < Steps.roundEnd(r, k, steps); s++) {
      int from = (int) (s * m), to = Math.min(from + m, count);
      int[] batch = to - from == m ? full : new int[to - from];  // only the epoch's last batch is short
      for (int i = 0; i < batch.length; i++) batch[i] = shard.from() + order[from + i];
      Arrays.sort(batch);  // lets each block find its samples by binary search
      Arrays.fill(grad, 0.0);
      gradient.accumulate(w, shard.blocks(), batch, epoch, s, grad);
      updater.apply(w, grad, w, batch.length, sgd, workers.n(), seen.reset());
      if (!seen.resultsFinite()) return;  // the change is then not finite: the round diverged
    }
  }
}
