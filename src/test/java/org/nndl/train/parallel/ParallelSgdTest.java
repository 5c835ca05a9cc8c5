package org.nndl.train.parallel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nndl.SparkTestSession;
import org.nndl.cache.CachedSet;
import org.nndl.compute.Gradient;
import org.nndl.data.Block;
import org.nndl.data.Dataset;
import org.nndl.net.Activation;
import org.nndl.net.Cost;
import org.nndl.net.Initializer;
import org.nndl.net.Layout;
import org.nndl.net.Network2;
import org.nndl.net.NetworkSpec;
import org.nndl.net.Sgd;
import org.nndl.train.EpochOutcome;
import org.nndl.train.TestData;
import org.nndl.train.Updater;

/**
 * The parallel plan against a hand-written reference (network2's update_mini_batch per worker at
 * its rate, the outer momentum written out here), and its promises: the same bits on any number of task
 * slots, and after a failed task (the barrier stage retried).
 */
class ParallelSgdTest {
  static final Dataset TRAIN = TestData.images(95, 4, 4, 3, 21);  // shards of 31, 32, 32: short last batches
  static final NetworkSpec SPEC = new NetworkSpec(new Layout(new int[] {16, 6, 3}), Activation.SIGMOID,
      Cost.CROSS_ENTROPY);
  static final double ETA = 0.5;
  static final double LAMBDA = 3.0;
  static final long SEED = 11;

  static JavaSparkContext sc() { return JavaSparkContext.fromSparkContext(SparkTestSession.get().sparkContext()); }

  static double[] init() { return Initializer.DEFAULT.init(SPEC.layout(), 3); }

  static ParallelSgd plan(CachedSet set, int workers, int slots, SyncRule rule) {
    return new ParallelSgd(sc(), set, new Workers(set.size(), workers), slots, rule, new Gradient(SPEC),
        new Updater(SPEC.layout()));
  }

  /**
   * Three workers of 31, 32, 32 samples, m = 7, K = 2 (5 steps each: rounds of 2, 2, 1 steps;
   * the last batches short), outer momentum 0.5: each worker's steps by network2 on its own
   * samples, u <- 0.5 u + sum_k c_k (w_k - w) / sum c, w <- w + u, written out here.
   */
  @ParameterizedTest
  @CsvSource({"1.0,false", "1.5,true"})
  void roundsMatchTheHandWrittenReference(double local, boolean nesterov) {
    int m = 7;
    SyncRule rule = new SyncRule(2, 0.5, local, nesterov);
    Workers workers = new Workers(TRAIN.size(), 3);
    try (CachedSet set = CachedSet.broadcast(sc(), TRAIN, 2); ParallelSgd sgd = plan(set, 3, 2, rule)) {
      double[] params = init(), expected = init(), u = new double[expected.length];
      for (int epoch = 1; epoch <= 2; epoch++) {
        EpochOutcome out = sgd.epoch(params, SEED, epoch, Sgd.network2(m, ETA, LAMBDA), () -> false);
        assertEquals(new EpochOutcome(3, false, false), out);
        referenceEpoch(expected, u, workers, epoch, m, 2, 0.5, local, nesterov);
        assertArrayEquals(expected, params, 1e-9, "epoch " + epoch);
      }
    }
  }

  private static void referenceEpoch(double[] w, double[] u, Workers workers, int epoch, int m, int k, double beta,
      double local, boolean nesterov) {
    int count = workers.count();
    int[][] order = new int[count][];
    int[] pos = new int[count];
    for (int j = 0; j < count; j++) {
      order[j] = workers.order(SEED, epoch, j);
      for (int i = 0; i < order[j].length; i++) order[j][i] += workers.from(j);
    }
    while (true) {
      double[] old = w.clone(), weighted = new double[w.length];
      long total = 0;
      for (int j = 0; j < count; j++) {
        int start = pos[j];
        if (start == order[j].length) continue;
        Network2 worker = new Network2(SPEC, old.clone());
        for (int s = 0; s < k && pos[j] < order[j].length; s++) {
          int to = Math.min(pos[j] + m, order[j].length);
          worker.updateMiniBatch(TRAIN, order[j], pos[j], to, ETA * local, LAMBDA, TRAIN.size());
          pos[j] = to;
        }
        total += pos[j] - start;
        for (int i = 0; i < w.length; i++) weighted[i] += (pos[j] - start) * (worker.params()[i] - old[i]);
      }
      if (total == 0) return;
      for (int i = 0; i < w.length; i++) {
        double delta = weighted[i] / total;
        u[i] = beta * u[i] + delta;
        w[i] = old[i] + (nesterov ? beta * u[i] + delta : u[i]);
      }
    }
  }

  /** Four workers give the same bits on 1 and 2 task slots as in one process carrying them all. */
  @Test
  void theSlotsDoNotChangeTheBits() {
    SyncRule rule = new SyncRule(3, 0.75, 1.3, true);
    Sgd sgd = Sgd.network2(5, ETA, LAMBDA);
    double[] inProcess = init(), velocity = new double[inProcess.length];
    Workers workers = new Workers(TRAIN.size(), 4);
    Rounds rounds = new Rounds(workers, rule, new Gradient(SPEC), new Updater(SPEC.layout()));
    for (int epoch = 1; epoch <= 2; epoch++) {
      rounds.epoch(inProcess, velocity, allShards(workers), SEED, epoch, sgd, Rounds.Exchange.IN_PROCESS);
    }
    for (int slots = 1; slots <= 2; slots++) {
      try (CachedSet set = CachedSet.broadcast(sc(), TRAIN, slots); ParallelSgd plan = plan(set, 4, slots, rule)) {
        double[] params = init();
        for (int epoch = 1; epoch <= 2; epoch++) plan.epoch(params, SEED, epoch, sgd, () -> false);
        assertArrayEquals(inProcess, params, 0.0, slots + " slots");
        assertArrayEquals(velocity, java.util.Arrays.copyOf(plan.state(), velocity.length), 0.0, slots + " slots: the velocity");
      }
    }
  }

  /** Every worker's shard of TRAIN, for a run carrying them all in this process. */
  static List<Shard> allShards(Workers workers) {
    List<Block> blocks = Block.split(TRAIN, 20);
    List<Shard> all = new ArrayList<>();
    for (int j = 0; j < workers.count(); j++) {
      int from = workers.from(j), to = workers.to(j);
      all.add(new Shard(j, from, to, blocks.stream().filter(b -> b.first() < to && b.end() > from).toList()));
    }
    return all;
  }

  /** A task that fails in its first attempt's second round: the barrier stage runs again, with the same bits. */
  @Test
  void aFailedTaskRetriesTheEpochWithTheSameBits() {
    double[] retried = firstEpoch(new FailFirstAttempt(1));
    assertTrue(FailFirstAttempt.FAILED.get(), "the probe failed a task");
    assertArrayEquals(firstEpoch(BarrierStretchFunction.Probe.NONE), retried, 0.0);
  }

  /**
   * A task lost before it reaches the hub: the other waits for a total that never comes, and must
   * notice Spark's kill (a socket read is not interrupted) to free its slot for the retry.
   */
  @Test
  @Timeout(120)
  void aTaskLostBeforeTheHubDoesNotHoldTheRetryUp() {
    double[] retried = firstEpoch(new FailFirstAttempt(-1));
    assertArrayEquals(firstEpoch(BarrierStretchFunction.Probe.NONE), retried, 0.0);
  }

  /** The parameters after epoch 1 of 3 workers on 2 slots (heavy ball 0.5, K = 2, m = 7), the tasks watched by probe. */
  private static double[] firstEpoch(BarrierStretchFunction.Probe probe) {
    double[] params = init();
    try (CachedSet set = CachedSet.broadcast(sc(), TRAIN, 2);
        ParallelSgd plan = plan(set, 3, 2, SyncRule.heavyBall(2, 0.5)).probe(probe)) {
      plan.epoch(params, SEED, 1, Sgd.network2(7, ETA, LAMBDA), () -> false);
    }
    return params;
  }

  static final class FailFirstAttempt implements BarrierStretchFunction.Probe {
    static final java.util.concurrent.atomic.AtomicBoolean FAILED = new java.util.concurrent.atomic.AtomicBoolean();
    private final long round;

    FailFirstAttempt(long round) { this.round = round; }

    @Override
    public void beforeExchange(org.apache.spark.BarrierTaskContext context, long r) {
      if (context.stageAttemptNumber() == 0 && context.partitionId() == 1 && r == round) {
        FAILED.set(true);
        throw new IllegalStateException("a task lost before its round " + round + " (test)");
      }
    }
  }
}
