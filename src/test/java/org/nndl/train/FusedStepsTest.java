package org.nndl.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nndl.SparkTestSession;
import org.nndl.cache.CachedSet;
import org.nndl.train.TrainingSets;
import org.nndl.compute.Gradient;
import org.nndl.data.Dataset;
import org.nndl.metrics.EpochMetrics;
import org.nndl.net.Initializer;
import org.nndl.net.Regularization;
import org.nndl.net.Sgd;

/**
 * Fused steps (consecutive mini-batches of one partition run in one task) against one Spark job
 * per step, the card's shape whose results the reference tests vouch for: the same parameters
 * and every metrics column but the times, bit for bit, with each chapter-3 technique; on one
 * partition and on three wherever batches lie in one; through a stop and a failed task.
 */
class FusedStepsTest {
  private static final Dataset TRAIN = TestData.images(95, 4, 4, 3, 41);  // 95: the last batch is short
  private static final Dataset TEST = TestData.images(40, 4, 4, 3, 42);
  private static final Dataset VALIDATION = TestData.images(30, 4, 4, 3, 43);

  private static JavaSparkContext sc() { return JavaSparkContext.fromSparkContext(SparkTestSession.get().sparkContext()); }

  private static TrainSettings settings(String technique, int m, int epochs) {
    TrainSettings base = TrainSettings.builder().data("test").sizes(16, 6, 5, 3).epochs(epochs).batchSize(m)
        .lambda(2.0).seed(42).monitor(true).partitions(1).build();
    Techniques t = switch (technique) {
      case "l1" -> new Techniques(Regularization.L1, 0, 0, 0, 0, false, 10, false);
      case "momentum" -> new Techniques(Regularization.L2, 0, 0.8, 0, 0, false, 10, false);
      case "dropout" -> new Techniques(Regularization.L2, 0.5, 0, 0, 0, false, 10, false);
      // patience 1 halves eta after each epoch without a better validation accuracy; early stop after 2
      case "schedules" -> new Techniques(Regularization.L1, 0.3, 0.5, VALIDATION.size(), 2, true, 1, false);
      case "expand" -> new Techniques(Regularization.L2, 0, 0.5, 0, 0, false, 10, true);
      default -> Techniques.NONE;
    };
    return base.with(t).validate();
  }

  /**
   * A run's rows (times left out), the states a checkpoint would keep by epoch (where the listener
   * got one), its end and its parameters, and how many times it checked for a stop.
   */
  private record Run(List<List<Object>> rows, java.util.Map<Integer, List<Object>> states, Trainer.Result result, int stopChecks) {}

  /** How a trainer runs the exact steps: one job per step, fused steps with a scoring job per epoch, or whole epochs per task. */
  enum Shape { PER_STEP, FUSED_STEPS, EPOCH_TASKS }

  private static Run train(TrainSettings s, int partitions, boolean fused) {
    return train(s, partitions, fused ? Shape.FUSED_STEPS : Shape.PER_STEP, () -> false, FusedStepsFunction.Probe.NONE);
  }

  /** A run with a stop request that answers stop on its checks (counted), and a probe at each fused step. */
  private static Run train(TrainSettings s, int partitions, Shape shape, java.util.function.BooleanSupplier stop,
      FusedStepsFunction.Probe probe) {
    List<List<Object>> rows = new ArrayList<>();
    java.util.Map<Integer, List<Object>> states = new java.util.HashMap<>();
    int[] checks = {0};
    try (TrainingSets sets = new TrainingSets(CachedSet.broadcast(sc(), TRAIN, partitions),
        CachedSet.broadcast(sc(), TEST, 2), s.techniques().validation() > 0 ? CachedSet.broadcast(sc(), VALIDATION, 2) : null)) {
      Trainer trainer = switch (shape) {
        case PER_STEP -> new Trainer(sc(), s).oneJobPerStep();
        case FUSED_STEPS -> new Trainer(sc(), s).noEpochTasks();
        case EPOCH_TASKS -> new Trainer(sc(), s);
      };
      Trainer.Result r = trainer.probe(probe).run(sets, TrainState.start(Initializer.DEFAULT.init(s.spec().layout(), s.seed()), s.eta()),
          () -> { checks[0]++; return stop.getAsBoolean(); }, (m, state) -> {
            rows.add(withoutTime(m));
            if (state != null) states.put(m.epoch(), List.of(state.epochsDone(), java.util.Arrays.toString(state.params()),
                java.util.Arrays.toString(state.optimizer()), state.schedule()));
          });
      return new Run(rows, states, r, checks[0]);
    }
  }

  /** Every metrics column but the time. */
  private static List<Object> withoutTime(EpochMetrics m) {
    List<Object> row = new ArrayList<>(List.of(m.epoch(), m.testAccuracy(), m.testCost()));
    row.addAll(java.util.Arrays.asList(m.trainAccuracy(), m.trainCost(), m.validationAccuracy(), m.validationCost(), m.eta()));
    return row;
  }

  private static void sameBits(Run perStep, Run fused) {
    assertEquals(perStep.rows(), fused.rows());  // Double.equals: bit for bit
    assertEquals(perStep.states().keySet(), perStep.rows().stream().map(r -> r.get(0)).collect(java.util.stream.Collectors.toSet()));
    assertTrue(fused.states().containsKey(fused.result().epochsDone()) || fused.result().epochsDone() == 0, "the last epoch's state");
    fused.states().forEach((epoch, state) -> assertEquals(perStep.states().get(epoch), state, "the state after epoch " + epoch));
    assertEquals(perStep.result().status(), fused.result().status());
    assertEquals(perStep.result().epochsDone(), fused.result().epochsDone());
    assertArrayEquals(perStep.result().params(), fused.result().params());
  }

  /**
   * The notebook's shape: a training set so small that whole epochs and their scoring run in one
   * task. The rows, checkpoint states and parameters are per-step's; the first task takes one
   * epoch, the next (timed by the first) the rest, so there are fewer tasks than epochs.
   */
  @ParameterizedTest
  @CsvSource({"plain,10", "l1,10", "momentum,10", "dropout,10", "schedules,10", "expand,10", "momentum,1", "dropout,7"})
  void wholeEpochsInATaskEqualOneJobPerStep(String technique, int m) {
    TrainSettings s = settings(technique, m, 4);
    Run perStep = train(s, 1, false), tasks = train(s, 1, Shape.EPOCH_TASKS, () -> false, FusedStepsFunction.Probe.NONE);
    sameBits(perStep, tasks);
    assertTrue(tasks.rows().size() > 1, "the run had several epochs");
    assertTrue(tasks.stopChecks() < tasks.rows().size(), tasks.stopChecks() + " tasks for " + tasks.rows().size() + " epochs");
    if (technique.equals("schedules")) assertTrue(tasks.rows().stream().anyMatch(r -> !r.get(7).equals(s.eta())), "eta was halved");
  }

  /**
   * A stop request seen before the second task of whole epochs: the run ends after the first
   * task's one epoch, with per-step's parameters and rows of a one-epoch run.
   */
  @Test
  void aStopBetweenTasksOfWholeEpochsKeepsTheEpochsDone() {
    TrainSettings s = settings("momentum", 10, 4);
    int[] checks = {0};
    Run stopped = train(s, 1, Shape.EPOCH_TASKS, () -> ++checks[0] > 1, FusedStepsFunction.Probe.NONE);
    Run oneEpoch = train(settings("momentum", 10, 1), 1, false);
    assertEquals(Trainer.Status.STOPPED, stopped.result().status());
    assertEquals(1, stopped.result().epochsDone());
    assertEquals(oneEpoch.rows(), stopped.rows());
    assertArrayEquals(oneEpoch.result().params(), stopped.result().params());
  }

  private static final AtomicInteger STEPS_SEEN = new AtomicInteger();

  /**
   * A task of whole epochs that fails on its first attempt at its 15th step (epoch 2, inside the
   * second task: the first takes epoch 1's 10 steps alone) is retried: the same bits.
   */
  @Test
  void aRetriedTaskOfWholeEpochsGivesTheSameBits() {
    TrainSettings s = settings("dropout", 10, 4);
    Run perStep = train(s, 1, false);
    FAILED.set(0);
    STEPS_SEEN.set(0);
    Run retried = train(s, 1, Shape.EPOCH_TASKS, () -> false, (context, step) -> {
      if (context.attemptNumber() == 0 && STEPS_SEEN.incrementAndGet() == 15) {
        FAILED.incrementAndGet();
        throw new IllegalStateException("test: the executor fails inside a task of whole epochs");
      }
    });
    assertEquals(1, FAILED.get(), "the first attempt failed once");
    assertTrue(retried.stopChecks() < retried.rows().size(), "several epochs per task");
    sameBits(perStep, retried);
  }

  @ParameterizedTest
  @CsvSource({"plain,10", "l1,10", "momentum,10", "dropout,10", "schedules,10", "expand,10", "momentum,1", "dropout,7"})
  void onOnePartitionFusedStepsEqualOneJobPerStep(String technique, int m) {
    TrainSettings s = settings(technique, m, 4);
    Run perStep = train(s, 1, false), fused = train(s, 1, true);
    sameBits(perStep, fused);
    int epochs = fused.rows().size();
    int stepsPerEpoch = (TRAIN.size() * (technique.equals("expand") ? 5 : 1) + m - 1) / m;
    assertEquals(epochs * stepsPerEpoch, perStep.stopChecks());
    assertEquals(epochs, fused.stopChecks(), "one fused task per epoch of this small set");
    if (technique.equals("schedules")) assertTrue(fused.rows().stream().anyMatch(r -> !r.get(7).equals(s.eta())), "eta was halved");
  }

  /**
   * Three partitions: with m = 1 every batch lies in one partition and runs of them are fused;
   * with m = 2 a third do, and only some runs of them are longer than one step.
   */
  @ParameterizedTest
  @CsvSource({"plain,1", "momentum,1", "dropout,1", "schedules,1", "dropout,2", "schedules,2"})
  void onThreePartitionsRunsOfOnePartitionsBatchesAreFused(String technique, int m) {
    TrainSettings s = settings(technique, m, 2);
    Run perStep = train(s, 3, false), fused = train(s, 3, true);
    sameBits(perStep, fused);
    assertTrue(fused.stopChecks() < perStep.stopChecks() * (m == 1 ? 0.75 : 1), fused.stopChecks() + " jobs, per step " + perStep.stopChecks());
    assertTrue(fused.stopChecks() > fused.rows().size(), "several runs per epoch: partitions change along the order");
  }

  private static GradientDescent descent(CachedSet set, TrainSettings s) {
    var layout = s.spec().layout();
    return new GradientDescent(sc(), set, new Gradient(s.spec(), s.dropout()), new Updater(layout), layout.parameterCount());
  }

  /**
   * A stop is checked before each job: before a fused task it ends the epoch after the whole steps
   * taken so far, exactly as one job per step stopped before the same step. Fused tasks of 3 steps,
   * stop on the third check: 6 steps taken, the same bits as per-step stopped on its seventh check.
   */
  @Test
  void aStopBeforeAFusedTaskEndsTheEpochAfterTheStepsTakenSoFar() {
    TrainSettings s = settings("momentum", 10, 1);
    Sgd sgd = s.sgd(s.eta());
    try (CachedSet set = CachedSet.broadcast(sc(), TRAIN, 1)) {
      double[] perStep = Initializer.DEFAULT.init(s.spec().layout(), 3), fused = perStep.clone();
      GradientDescent a = descent(set, s).oneJobPerStep(), b = descent(set, s).stepsPerTask(3);
      int[] checksA = {0}, checksB = {0};
      EpochOutcome outA = a.epoch(perStep, 5, 2, sgd, () -> ++checksA[0] > 6);
      EpochOutcome outB = b.epoch(fused, 5, 2, sgd, () -> ++checksB[0] > 2);
      assertEquals(new EpochOutcome(6, true, false), outA);
      assertEquals(outA, outB);
      assertArrayEquals(perStep, fused);
      assertArrayEquals(a.state(), b.state(), "momentum's velocity");
    }
  }

  private static final AtomicInteger FAILED = new AtomicInteger();

  /**
   * A fused task that fails on its first attempt, after two of its steps, is retried (the test
   * session allows each task two attempts, as a cluster allows four) and the epoch ends with the
   * bits of one job per step. (The counter is in this JVM: the test session is local.)
   */
  @Test
  void aRetriedFusedTaskGivesTheSameBits() {
    TrainSettings s = settings("dropout", 10, 1);
    Sgd sgd = s.sgd(s.eta());
    try (CachedSet set = CachedSet.broadcast(sc(), TRAIN, 1)) {
      double[] perStep = Initializer.DEFAULT.init(s.spec().layout(), 3), fused = perStep.clone();
      descent(set, s).oneJobPerStep().epoch(perStep, 5, 1, sgd, () -> false);
      FAILED.set(0);
      EpochOutcome out = descent(set, s).probe((context, step) -> {
        if (step == 2 && context.attemptNumber() == 0) {
          FAILED.incrementAndGet();
          throw new IllegalStateException("test: the executor fails in the middle of a fused task");
        }
      }).epoch(fused, 5, 1, sgd, () -> false);
      assertEquals(1, FAILED.get(), "the first attempt failed once");
      assertEquals(new EpochOutcome(10, false, false), out);
      assertArrayEquals(perStep, fused);
    }
  }

  /**
   * A step whose update overflows (the weight decay multiplies each weight by 1 - eta lambda / n,
   * about -5e298 here, so the second step's weights pass Double.MAX_VALUE): both shapes keep the
   * parameters before that step and say how many steps were taken.
   */
  @Test
  void divergenceInsideAFusedTaskKeepsTheParametersBeforeTheBadStep() {
    TrainSettings s = settings("plain", 10, 1);
    Sgd huge = Sgd.network2(10, 1e300, 5.0);
    try (CachedSet set = CachedSet.broadcast(sc(), TRAIN, 1)) {
      double[] perStep = Initializer.DEFAULT.init(s.spec().layout(), 3), fused = perStep.clone();
      EpochOutcome a = descent(set, s).oneJobPerStep().epoch(perStep, 5, 1, huge, () -> false);
      EpochOutcome b = descent(set, s).epoch(fused, 5, 1, huge, () -> false);
      assertEquals(new EpochOutcome(1, false, true), a);
      assertEquals(a, b);
      assertArrayEquals(perStep, fused);
    }
  }
}
