package org.nndl.train;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.function.FlatMapFunction2;
import org.apache.spark.api.java.function.Function2;
import org.apache.spark.broadcast.Broadcast;
import org.nndl.cache.CachedSet;
import org.nndl.compat.Scala;
import org.nndl.compute.Gradient;
import org.nndl.data.Block;
import org.nndl.eval.Evaluator;
import org.nndl.eval.Score;
import org.nndl.net.Dropout;
import org.nndl.net.Layout;
import org.nndl.net.Sgd;

/**
 * The task of {@link EpochTasks}: on the training set's one partition, zipped with every block of
 * the scored sets, whole epochs of fused steps, each followed by the scores of the full network
 * (dropout's scaling applied). Everything comes from the broadcast and the fields, so a retried
 * task returns the same bits.
 */
final class EpochsFunction implements FlatMapFunction2<Iterator<Block>, Iterator<EpochsFunction.Scored>, EpochsFunction.Epochs> {
  /** A block of scored set number slot, from its cached partition number partition. */
  record Scored(int slot, int partition, Block block) implements Serializable {}

  /**
   * What one epoch did: its steps' time, each scored set's score and total cost, and for the
   * task's last epoch only the parameters (and velocity) after it: the others stay on the
   * executor (shipping each epoch's would cost more than the epoch).
   */
  static final class Epoch implements Serializable {
    double[] params;    // the task's last epoch only
    double[] velocity;  // the task's last epoch only, with momentum
    long nanos;
    boolean diverged;  // a step diverged: params are those before it, and nothing was scored
    Score[] scores;
    double[] costs;    // each scored set's total cost (mean and weight penalty), as the driver's figures
  }

  /** A task's epochs, in order, and the time the task took. */
  static final class Epochs implements Serializable {
    final List<Epoch> epochs = new ArrayList<>();
    long nanos;
  }

  private final Broadcast<double[][]> start;  // {params, velocity or null}
  private final int[][] orders;               // each epoch's order of the training set
  private final int first;
  private final Sgd sgd;
  private final Layout layout;
  private final Gradient gradient;
  private final FusedStepsFunction.Probe probe;
  private final Evaluator evaluator;
  private final Dropout dropout;
  private final Schedule schedule;
  private final int[] partitions;
  private final int validationSlot;

  EpochsFunction(Broadcast<double[][]> start, int[][] orders, int first, Sgd sgd, Layout layout, Gradient gradient,
      FusedStepsFunction.Probe probe, Evaluator evaluator, Dropout dropout, Schedule schedule, int[] partitions,
      int validationSlot) {
    this.start = start;
    this.orders = orders;
    this.first = first;
    this.sgd = sgd;
    this.layout = layout;
    this.gradient = gradient;
    this.probe = probe;
    this.evaluator = evaluator;
    this.dropout = dropout;
    this.schedule = schedule;
    this.partitions = partitions;
    this.validationSlot = validationSlot;
  }

  /** The scored sets' blocks, tagged, in one partition (no shuffle: each task reads the cached blocks). */
  static JavaRDD<Scored> scored(List<CachedSet> sets) {
    JavaRDD<Scored> all = null;
    for (int k = 0; k < sets.size(); k++) {
      JavaRDD<Scored> tagged = sets.get(k).blocks().mapPartitionsWithIndex(new Tag(k), true);
      all = all == null ? tagged : all.union(tagged);
    }
    return all.coalesce(1);
  }

  @Override
  public Iterator<Epochs> call(Iterator<Block> train, Iterator<Scored> scoredBlocks) {
    long t0 = System.nanoTime();
    TaskContext context = TaskContext.get();
    List<Block> blocks = new ArrayList<>();
    train.forEachRemaining(blocks::add);
    List<List<List<Block>>> scored = byPartition(scoredBlocks);
    double[] w = start.value()[0].clone();
    Updater updater = new Updater(layout);
    if (start.value()[1] != null) updater.setVelocity(start.value()[1]);
    ExactStep step = new ExactStep(updater, w.length);
    Evaluator.Scorer scorer = evaluator.scorer();
    Epochs out = new Epochs();
    for (int i = 0; i < orders.length; i++) {
      int[] order = orders[i];
      Epoch e = new Epoch();
      long e0 = System.nanoTime();
      int done = FusedStepsFunction.take(context, blocks, w, step, order, 0, order.length, first + i,
          sgd.withEta(schedule.eta()), gradient, probe);
      e.nanos = System.nanoTime() - e0;
      e.diverged = done < (order.length + sgd.m() - 1) / sgd.m();
      out.epochs.add(e);
      if (e.diverged) break;
      double[] full = dropout.inference(layout, w);
      e.scores = scores(scorer, full, scored);
      e.costs = new double[e.scores.length];
      for (int k = 0; k < e.costs.length; k++) e.costs[k] = e.scores[k].totalCost(sgd.regularization(), sgd.lambda(), layout, full);
      double validation = validationSlot < 0 ? Double.NaN : e.scores[validationSlot].accuracy();
      if (schedule.afterEpoch(validation) != Schedule.Decision.CONTINUE) break;
    }
    Epoch last = out.epochs.get(out.epochs.size() - 1);
    last.params = w;
    last.velocity = start.value()[1] == null ? null : updater.velocity();
    out.nanos = System.nanoTime() - t0;
    return List.of(out).iterator();
  }

  /** Each scored set's score: its partitions' scores merged, as the scoring job merges its tasks'. */
  private static Score[] scores(Evaluator.Scorer scorer, double[] full, List<List<List<Block>>> scored) {
    Score[] scores = new Score[scored.size()];
    for (int k = 0; k < scores.length; k++) {
      scores[k] = new Score();
      for (List<Block> part : scored.get(k)) {
        scores[k].merge(scorer.partition(full, Scala.iterator(part.iterator())));
      }
    }
    return scores;
  }

  /** The scored blocks by set and partition, each partition's in the order they came. */
  private List<List<List<Block>>> byPartition(Iterator<Scored> blocks) {
    List<List<List<Block>>> sets = new ArrayList<>();
    for (int p : partitions) {
      List<List<Block>> parts = new ArrayList<>();
      for (int i = 0; i < p; i++) parts.add(new ArrayList<>());
      sets.add(parts);
    }
    blocks.forEachRemaining(s -> sets.get(s.slot()).get(s.partition()).add(s.block()));
    return sets;
  }

  /** Tags the blocks of one scored set's partitions (a named class, as the project's tasks are). */
  private static final class Tag implements Function2<Integer, Iterator<Block>, Iterator<Scored>> {
    private final int slot;

    Tag(int slot) { this.slot = slot; }

    @Override
    public Iterator<Scored> call(Integer partition, Iterator<Block> blocks) {
      return new Iterator<>() {
        @Override public boolean hasNext() { return blocks.hasNext(); }

        @Override public Scored next() { return new Scored(slot, partition, blocks.next()); }
      };
    }
  }
}
