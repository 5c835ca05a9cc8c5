package org.nndl.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.Test;
import org.nndl.SparkTestSession;
import org.nndl.data.Dataset;
import org.nndl.net.Initializer;

/**
 * A run of the parallel plan (--sync-every auto) resumed from a checkpoint has the bits of one
 * that ran through: the checkpoint keeps the epoch's model as its parameters, and u with the w the
 * workers go on from as the optimizer's state.
 */
class ParallelRunTest {
  private static final Dataset TRAIN = TestData.images(7300, 4, 4, 3, 21);  // 3 workers: 4 rounds an epoch, the last 2 averaged
  private static final Dataset TEST = TestData.images(40, 4, 4, 3, 22);

  private static TrainSettings settings() {
    return TrainSettings.builder().data("test").sizes(16, 6, 3).epochs(3).batchSize(5).eta(0.5).lambda(2.0).seed(42)
        .partitions(3).syncEvery(TrainSettings.SYNC_AUTO).build().validate();
  }

  private static JavaSparkContext sc() { return JavaSparkContext.fromSparkContext(SparkTestSession.get().sparkContext()); }

  @Test
  void aResumedRunHasTheBitsOfAnUndisturbedOne() {
    TrainSettings s = settings();
    List<TrainState> states = new ArrayList<>();
    Trainer.Result through;
    try (TrainingSets sets = sets(s)) {
      double[] params = Initializer.DEFAULT.init(s.spec().layout(), s.seed());
      through = new Trainer(sc(), s).run(sets, TrainState.start(params, s.eta()), () -> false, (m, state) -> states.add(state));
    }
    assertEquals(3, states.size());
    TrainState afterOne = states.get(0);
    assertNotNull(afterOne.optimizer(), "the checkpoint keeps the outer velocity");
    int p = afterOne.params().length;
    assertEquals(2 * p, afterOne.optimizer().length, "u, then the w the workers go on from");
    assertFalse(Arrays.equals(afterOne.params(), Arrays.copyOfRange(afterOne.optimizer(), p, 2 * p)),
        "the model (the mean of the last rounds) is not the last w");
    Trainer.Result resumed;
    try (TrainingSets sets = sets(s)) {
      resumed = new Trainer(sc(), s).run(sets, afterOne, () -> false, (m, state) -> {});
    }
    assertEquals(Trainer.Status.FINISHED, resumed.status());
    assertArrayEquals(through.params(), resumed.params(), 0.0);
  }

  /**
   * A stop request that comes during epoch 2 (the trainer asks once before the stretch of all
   * three epochs, the hub once a round: 4 rounds an epoch) ends the run after epoch 2, with its
   * row and the parameters of a run that went through.
   */
  @Test
  void aStopRequestEndsTheRunAfterTheEpochItCameIn() {
    TrainSettings s = settings();
    List<TrainState> states = new ArrayList<>();
    try (TrainingSets sets = sets(s)) {
      double[] params = Initializer.DEFAULT.init(s.spec().layout(), s.seed());
      new Trainer(sc(), s).run(sets, TrainState.start(params, s.eta()), () -> false, (m, state) -> states.add(state));
    }
    AtomicInteger asked = new AtomicInteger();
    List<Integer> rows = new ArrayList<>();
    Trainer.Result stopped;
    try (TrainingSets sets = sets(s)) {
      double[] params = Initializer.DEFAULT.init(s.spec().layout(), s.seed());
      stopped = new Trainer(sc(), s).run(sets, TrainState.start(params, s.eta()), () -> asked.incrementAndGet() >= 6,
          (m, state) -> rows.add(m.epoch()));
    }
    assertEquals(Trainer.Status.STOPPED, stopped.status());
    assertEquals(2, stopped.epochsDone());
    assertEquals(List.of(1, 2), rows);
    assertArrayEquals(states.get(1).params(), stopped.params(), 0.0);
  }

  private TrainingSets sets(TrainSettings s) {
    Plan plan = TrainingSets.plan(sc(), s, TRAIN.size());
    return new TrainingSets(org.nndl.cache.CachedSet.broadcast(sc(), TRAIN, plan.trainPartitions()),
        org.nndl.cache.CachedSet.broadcast(sc(), TEST, plan.evalPartitions()), null, plan);
  }
}
