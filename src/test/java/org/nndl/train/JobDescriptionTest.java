package org.nndl.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeoutException;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.junit.jupiter.api.Test;
import org.nndl.SparkTestSession;
import org.nndl.cache.CachedSet;
import org.nndl.compute.Gradient;
import org.nndl.data.Dataset;
import org.nndl.net.Initializer;
import org.nndl.net.Sgd;

/**
 * The names the Spark UI shows for the SGD jobs (each job's {@code spark.job.description}, as a
 * listener sees it when the job starts): per-step jobs, fused tasks, local SGD rounds and the
 * evaluation after each epoch, each with its epoch; and no name left on the jobs that follow.
 */
class JobDescriptionTest {
  private static final Dataset TRAIN = TestData.images(45, 4, 4, 3, 41);  // m = 10: 5 steps, the last of 5
  private static final Dataset TEST = TestData.images(20, 4, 4, 3, 42);
  private static final TrainSettings SETTINGS = TrainSettings.builder().data("test").sizes(16, 6, 3).epochs(2)
      .batchSize(10).lambda(1.0).seed(42).partitions(1).build().validate();

  private static JavaSparkContext sc() { return JavaSparkContext.fromSparkContext(SparkTestSession.get().sparkContext()); }

  /** The description of every job started while it listens, in order (null: none). */
  private static final class Descriptions extends SparkListener implements AutoCloseable {
    private final List<String> seen = Collections.synchronizedList(new ArrayList<>());

    Descriptions() { sc().sc().addSparkListener(this); }

    @Override
    public void onJobStart(SparkListenerJobStart job) {
      seen.add(job.properties() == null ? null : job.properties().getProperty("spark.job.description"));
    }

    /** What was seen once the listener bus has delivered every event posted so far. */
    List<String> all() throws TimeoutException {
      sc().sc().listenerBus().waitUntilEmpty();
      return new ArrayList<>(seen);
    }

    @Override
    public void close() { sc().sc().removeSparkListener(this); }
  }

  private static GradientDescent descent(CachedSet set) {
    var layout = SETTINGS.spec().layout();
    return new GradientDescent(sc(), set, new Gradient(SETTINGS.spec()), new Updater(layout), layout.parameterCount());
  }

  /** Runs one epoch (number 3) of gd and what jobs it started, then one job more, which must carry no name. */
  private static List<String> epochThree(GradientDescent gd) throws TimeoutException {
    Sgd sgd = SETTINGS.sgd(SETTINGS.eta());
    double[] params = Initializer.DEFAULT.init(SETTINGS.spec().layout(), 7);
    try (Descriptions d = new Descriptions()) {
      gd.epoch(params, 5, 3, sgd, () -> false);
      sc().parallelize(List.of(1, 2)).count();
      return d.all();
    }
  }

  @Test
  void perStepJobsAreNamedByEpochAndStepOfTheEpochsSteps() throws TimeoutException {
    try (CachedSet set = CachedSet.broadcast(sc(), TRAIN, 1)) {
      assertEquals(Arrays.asList("epoch 3 step 1/5", "epoch 3 step 2/5", "epoch 3 step 3/5", "epoch 3 step 4/5",
          "epoch 3 step 5/5", null), epochThree(descent(set).oneJobPerStep()));
    }
  }

  @Test
  void fusedTasksAreNamedByTheirSteps() throws TimeoutException {
    try (CachedSet set = CachedSet.broadcast(sc(), TRAIN, 1)) {
      assertEquals(Arrays.asList("epoch 3 fused steps 1-2", "epoch 3 fused steps 3-4", "epoch 3 fused steps 5-5", null),
          epochThree(descent(set).stepsPerTask(2)));
    }
  }

  /** A whole run with local SGD (2 local steps per round: 3 rounds of the 5 steps): each round, then the epoch's evaluation. */
  @Test
  void localSgdRoundsAndEachEpochsEvaluationAreNamed() throws TimeoutException {
    TrainSettings s = SETTINGS.toBuilder().syncEvery(2).build().validate();
    try (TrainingSets sets = new TrainingSets(CachedSet.broadcast(sc(), TRAIN, 1), CachedSet.broadcast(sc(), TEST, 2), null);
        Descriptions d = new Descriptions()) {
      new Trainer(sc(), s).run(sets, Initializer.DEFAULT.init(s.spec().layout(), 7), () -> false, m -> { });
      sc().parallelize(List.of(1, 2)).count();
      List<String> expected = new ArrayList<>();
      for (int epoch = 1; epoch <= 2; epoch++) {
        for (int r = 1; r <= 3; r++) expected.add("epoch " + epoch + " round " + r + "/3");
        expected.add("epoch " + epoch + " evaluation");
      }
      expected.add(null);
      assertEquals(expected, d.all());
    }
  }

  /** A small exact run: its first task takes epoch 1 alone, the next (timed by the first) the other three. */
  @Test
  void tasksOfWholeEpochsAreNamedByTheirEpochs() throws TimeoutException {
    TrainSettings s = SETTINGS.toBuilder().epochs(4).build().validate();
    try (TrainingSets sets = new TrainingSets(CachedSet.broadcast(sc(), TRAIN, 1), CachedSet.broadcast(sc(), TEST, 2), null);
        Descriptions d = new Descriptions()) {
      new Trainer(sc(), s).run(sets, Initializer.DEFAULT.init(s.spec().layout(), 7), () -> false, m -> { });
      sc().parallelize(List.of(1, 2)).count();
      assertEquals(Arrays.asList("epoch 1 fused with evaluation", "epochs 2-4 fused with evaluation", null), d.all());
    }
  }
}
