package org.nndl.train.parallel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import org.apache.spark.BarrierTaskContext;
import org.junit.jupiter.api.Test;
import org.nndl.cache.CachedSet;
import org.nndl.compute.Gradient;
import org.nndl.net.Sgd;
import org.nndl.train.Updater;

/**
 * A stretch of epochs in one barrier stage, the parameters kept by the driver's replay of the
 * rounds: each epoch's model (the mean of its last rounds), w and u have the bits of the same
 * epochs run in one process (the tasks' arithmetic without Spark), a stop request ends it after
 * the current epoch, a failed task retries it with the same bits, a diverged round ends it there.
 */
class StretchTest {
  private static final SyncRule RULE = new SyncRule(2, 0.75, 1.3, true, true);
  private static final Sgd SGD = Sgd.network2(5, ParallelSgdTest.ETA, ParallelSgdTest.LAMBDA);
  private static final Workers WORKERS = new Workers(ParallelSgdTest.TRAIN.size(), 4);  // 3 rounds an epoch: the last 2 averaged

  /** Epochs 1..count carrying every worker in this process: {model, u, w} after each, and the last outcome. */
  private static List<double[][]> inProcess(Sgd sgd, int count, Rounds.Outcome[] last) {
    Rounds rounds = new Rounds(WORKERS, RULE, new Gradient(ParallelSgdTest.SPEC), new Updater(ParallelSgdTest.SPEC.layout()));
    double[] w = ParallelSgdTest.init(), u = new double[w.length];
    TailMean tail = new TailMean(rounds.perEpoch(sgd.m()), w.length);
    List<double[][]> out = new ArrayList<>();
    for (int epoch = 1; epoch <= count; epoch++) {
      last[0] = rounds.epoch(w, u, ParallelSgdTest.allShards(WORKERS), ParallelSgdTest.SEED, epoch, sgd, Rounds.Exchange.IN_PROCESS,
          tail);
      double[] model = tail.take(w);
      out.add(new double[][] {last[0].diverged() ? w.clone() : model, u.clone(), w.clone()});
      if (last[0].diverged()) break;
    }
    return out;
  }

  /** Epochs 1..count as one stretch of 4 workers on 2 slots. */
  private static List<ParallelSgd.EpochEnd> stretch(Sgd sgd, int count, BooleanSupplier stop, BarrierStretchFunction.Probe probe) {
    try (CachedSet set = CachedSet.broadcast(ParallelSgdTest.sc(), ParallelSgdTest.TRAIN, 2);
        ParallelSgd plan = ParallelSgdTest.plan(set, 4, 2, RULE).probe(probe)) {
      return plan.epochs(ParallelSgdTest.init(), ParallelSgdTest.SEED, 1, count, sgd, stop);
    }
  }

  private static void assertSameEpochs(List<double[][]> expected, List<ParallelSgd.EpochEnd> ends) {
    assertEquals(expected.size(), ends.size(), "epochs");
    for (int i = 0; i < ends.size(); i++) {
      assertArrayEquals(expected.get(i)[0], ends.get(i).params(), 0.0, "the model of epoch " + (i + 1));
      assertArrayEquals(expected.get(i)[1], ends.get(i).velocity(), 0.0, "u after epoch " + (i + 1));
      assertArrayEquals(expected.get(i)[2], ends.get(i).iterate(), 0.0, "w after epoch " + (i + 1));
    }
  }

  @Test
  void eachEpochOfAStretchHasTheBitsOfOneProcess() {
    List<ParallelSgd.EpochEnd> ends = stretch(SGD, 3, () -> false, BarrierStretchFunction.Probe.NONE);
    assertSameEpochs(inProcess(SGD, 3, new Rounds.Outcome[1]), ends);
    for (ParallelSgd.EpochEnd e : ends) {
      assertEquals(3, e.rounds());
      assertTrue(!Arrays.equals(e.params(), e.iterate()), "the model is not the last w");
      assertTrue(!e.diverged() && e.seconds() > 0);
    }
  }

  /** The driver asks to stop during epoch 2's first round (the hub asks once a round): epochs 1 and 2 come back. */
  @Test
  void aStopRequestEndsTheStretchAfterTheCurrentEpoch() {
    AtomicInteger asked = new AtomicInteger();
    List<ParallelSgd.EpochEnd> ends = stretch(SGD, 4, () -> asked.incrementAndGet() >= 4, BarrierStretchFunction.Probe.NONE);
    assertSameEpochs(inProcess(SGD, 2, new Rounds.Outcome[1]), ends);
  }

  /**
   * A task fails in its first attempt's round 4 (epoch 2's second): the stage runs again, its
   * tasks going on from round 4 with the w and u the driver replayed, with the same bits.
   */
  @Test
  void aFailedTaskRetriesTheStretchFromTheLastRoundWithTheSameBits() {
    FailThenWatch.FIRST_RETRIED.set(-1);
    List<ParallelSgd.EpochEnd> ends = stretch(SGD, 3, () -> false, new FailThenWatch());
    assertEquals(4, FailThenWatch.FIRST_RETRIED.get(), "the retried attempt's first round");
    assertSameEpochs(inProcess(SGD, 3, new Rounds.Outcome[1]), ends);
  }

  /** Fails task 1 of the first attempt before round 4; notes the first round the retried attempt's tasks exchange. */
  private static final class FailThenWatch implements BarrierStretchFunction.Probe {
    static final AtomicLong FIRST_RETRIED = new AtomicLong(-1);

    @Override
    public void beforeExchange(BarrierTaskContext context, long round) {
      if (context.stageAttemptNumber() == 0 && context.partitionId() == 1 && round == 4) {
        throw new IllegalStateException("a task lost before its round 4 (test)");
      }
      if (context.stageAttemptNumber() == 1 && round >= 0) FIRST_RETRIED.compareAndSet(-1, round);
    }
  }

  /** Steps so large that the first round's change is not finite: the stretch ends there, w and u as they started. */
  @Test
  void aDivergedRoundEndsTheStretch() {
    Sgd huge = Sgd.network2(5, 1e308, ParallelSgdTest.LAMBDA);
    Rounds.Outcome[] last = new Rounds.Outcome[1];
    List<double[][]> expected = inProcess(huge, 3, last);
    assertTrue(last[0].diverged());
    List<ParallelSgd.EpochEnd> ends = stretch(huge, 3, () -> false, BarrierStretchFunction.Probe.NONE);
    assertSameEpochs(expected, ends);
    assertTrue(ends.get(ends.size() - 1).diverged());
    assertEquals(last[0].rounds(), ends.get(ends.size() - 1).rounds());
    assertArrayEquals(ParallelSgdTest.init(), ends.get(0).params(), 0.0);
  }
}
