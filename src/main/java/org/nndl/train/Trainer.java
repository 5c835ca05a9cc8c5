package org.nndl.train;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.apache.spark.api.java.JavaSparkContext;
import org.nndl.cache.CachedSet;
import org.nndl.cache.DataChecks;
import org.nndl.compute.Gradient;
import org.nndl.compute.JobDescription;
import org.nndl.data.Dataset;
import org.nndl.error.UserError;
import org.nndl.eval.Evaluator;
import org.nndl.eval.Score;
import org.nndl.metrics.EpochMetrics;
import org.nndl.net.Dropout;
import org.nndl.net.Layout;
import org.nndl.net.NetworkSpec;
import org.nndl.net.Sgd;
import org.nndl.train.parallel.ParallelSgd;
import org.nndl.train.parallel.SyncRule;
import org.nndl.train.parallel.Workers;

/**
 * A whole run: per epoch, one epoch of the {@link Optimizer} (exact {@link GradientDescent} or
 * {@link LocalSgd}) at the {@link Schedule}'s learning rate, then the full network (dropout's
 * scaling applied) scored on the test set, the validation set when there is one, and the training
 * set when monitored; each finished epoch goes to a listener with the state a checkpoint needs.
 * Where an epoch is small, whole epochs and their scoring run in one task ({@link EpochTasks}),
 * with the same figures; the parallel plan runs stretches of epochs in one stage each
 * ({@link ParallelSgd#epochs}), each epoch then scored as here.
 */
public final class Trainer {
  /** How a run ended. */
  public enum Status { FINISHED, STOPPED, DIVERGED, EARLY_STOPPED }

  /** The end of a run; why says, for EARLY_STOPPED, which rule ended it. */
  public record Result(double[] params, int epochsDone, Status status, String why) {}

  /**
   * Sees each finished epoch: its metrics row, then the state after it, or null for an epoch whose
   * parameters stayed in a task of whole epochs (only a task's last epoch brings them back).
   */
  public interface Listener {
    void epochDone(EpochMetrics metrics, TrainState state);
  }

  private final JavaSparkContext sc;
  private final TrainSettings settings;
  private boolean oneJobPerStep;
  private boolean noEpochTasks;
  private FusedStepsFunction.Probe probe = FusedStepsFunction.Probe.NONE;

  public Trainer(JavaSparkContext sc, TrainSettings settings) {
    this.sc = sc;
    this.settings = settings;
  }

  /** Exact mode with one Spark job per step even where steps could be fused (for comparisons). */
  Trainer oneJobPerStep() {
    oneJobPerStep = true;
    return this;
  }

  /** Fused steps but never whole epochs in a task (for tests of the per-epoch path on small sets). */
  Trainer noEpochTasks() {
    noEpochTasks = true;
    return this;
  }

  /** Lets a test look at each fused step on the executor. */
  Trainer probe(FusedStepsFunction.Probe p) {
    probe = p;
    return this;
  }

  /** Trains on sets held by the driver, cached for the run; no validation set. */
  public Result run(Dataset train, Dataset test, double[] params, BooleanSupplier stop, Consumer<EpochMetrics> onEpoch) {
    NetworkSpec spec = settings.spec();
    DataChecks.check(spec, train, "training");
    DataChecks.check(spec, test, "test");
    Plan plan = TrainingSets.plan(sc, settings, train.size());
    try (TrainingSets sets = new TrainingSets(CachedSet.broadcast(sc, train, plan.trainPartitions()),
        CachedSet.broadcast(sc, test, plan.evalPartitions()), null, plan)) {
      return run(sets, params, stop, onEpoch);
    }
  }

  /** Trains from the start on sets already cached (and checked against the network). */
  public Result run(TrainingSets sets, double[] params, BooleanSupplier stop, Consumer<EpochMetrics> onEpoch) {
    return run(sets, TrainState.start(params, settings.eta()), stop, (m, state) -> onEpoch.accept(m));
  }

  /**
   * Trains from state (a fresh start or a checkpoint) up to the configured epochs. The state's
   * params array is updated in place and returned in the result; a stop request ends the run
   * with the params of the last finished epoch (the steps of the unfinished one are undone), so
   * the saved model matches the last metrics row and checkpoint.
   */
  public Result run(TrainingSets sets, TrainState state, BooleanSupplier stop, Listener listener) {
    NetworkSpec spec = settings.spec();
    Layout layout = spec.layout();
    Dropout dropout = settings.dropout();
    // --expand: the 5x set is a view computed from the cached blocks; the view is not closed (the sets own the blocks)
    CachedSet walked = settings.techniques().expand() ? sets.train().expanded() : sets.train();
    Gradient gradient = new Gradient(spec, dropout);
    GradientDescent exact = settings.syncEvery() == TrainSettings.EXACT ? exact(walked, gradient, layout) : null;
    Optimizer optimizer = exact != null ? exact
        : settings.syncEvery() == TrainSettings.SYNC_AUTO ? parallel(walked, gradient, layout)
        : new LocalSgd(sc, walked, gradient, new Updater(layout), layout.parameterCount(), settings.syncEvery());
    try {
      return run(sets, state, stop, listener, walked, exact, optimizer);
    } finally {
      if (optimizer instanceof AutoCloseable c) close(c);
    }
  }

  private Result run(TrainingSets sets, TrainState state, BooleanSupplier stop, Listener listener, CachedSet walked,
      GradientDescent exact, Optimizer optimizer) {
    NetworkSpec spec = settings.spec();
    if (state.optimizer() != null) optimizer.restore(state.optimizer());
    Techniques t = settings.techniques();
    Schedule schedule = new Schedule(t.earlyStop(), t.halveEta() ? t.patience() : 0, state.schedule());
    Evaluator evaluator = new Evaluator(spec);
    List<CachedSet> scored = new ArrayList<>(List.of(sets.test()));  // one job (or task) scores them all
    if (settings.monitor()) scored.add(sets.train());
    if (sets.validation() != null) scored.add(sets.validation());
    EpochTasks tasks = epochTasks(exact, walked, scored, sets.validation() != null, evaluator, t);
    double[] params = state.params();
    int epoch = state.epochsDone() + 1;
    while (epoch <= settings.epochs()) {
      if (tasks != null) {
        if (stop.getAsBoolean()) return new Result(params, epoch - 1, Status.STOPPED, null);
        int count = tasks.next(settings.epochs() - epoch + 1);
        for (EpochsFunction.Epoch e : tasks.run(params, settings.seed(), epoch, count, schedule.state(), settings.sgd(schedule.eta()))) {
          boolean atHand = e.params != null;  // a task's last epoch (which a divergence or the schedule's end is)
          if (atHand) System.arraycopy(e.params, 0, params, 0, params.length);
          if (e.velocity != null) optimizer.restore(e.velocity);
          if (e.diverged) return new Result(params, epoch - 1, Status.DIVERGED, null);
          Result end = afterEpoch(epoch, e.nanos / 1e9, settings.sgd(schedule.eta()), figures(e.scores, e.costs),
              params, atHand, optimizer, schedule, listener);
          if (end != null) return end;
          epoch++;
        }
        continue;
      }
      Sgd sgd = settings.sgd(schedule.eta());
      if (optimizer instanceof ParallelSgd parallel) {
        if (stop.getAsBoolean()) return new Result(params, epoch - 1, Status.STOPPED, null);
        // a stretch of epochs in one stage, unless the schedule may change eta after an epoch
        int count = t.halveEta() ? 1 : parallel.nextStretch(settings.epochs() - epoch + 1);
        List<ParallelSgd.EpochEnd> ends = parallel.epochs(params, settings.seed(), epoch, count, sgd, stop);
        for (ParallelSgd.EpochEnd e : ends) {
          System.arraycopy(e.params(), 0, params, 0, params.length);  // the epoch's model
          optimizer.restore(e.state());  // u and the w the workers go on from
          if (e.diverged()) return new Result(params, epoch - 1, Status.DIVERGED, null);
          Result end = scored(epoch, e.seconds(), sgd, params, scored, evaluator, optimizer, schedule, listener);
          if (end != null) return end;
          epoch++;
        }
        if (ends.size() < count) return new Result(params, epoch - 1, Status.STOPPED, null);
        continue;
      }
      double[] epochStart = params.clone();
      long t0 = System.nanoTime();
      EpochOutcome out = optimizer.epoch(params, settings.seed(), epoch, sgd, stop);
      double seconds = (System.nanoTime() - t0) / 1e9;
      if (out.stopped()) {
        System.arraycopy(epochStart, 0, params, 0, params.length);
        return new Result(params, epoch - 1, Status.STOPPED, null);
      }
      if (out.diverged()) return new Result(params, epoch - 1, Status.DIVERGED, null);
      Result end = scored(epoch, seconds, sgd, params, scored, evaluator, optimizer, schedule, listener);
      if (end != null) return end;
      epoch++;
    }
    return new Result(params, settings.epochs(), Status.FINISHED, null);
  }

  /** An epoch's parameters scored by one job over the scored sets (the network evaluation sees), then {@link #afterEpoch}. */
  private Result scored(int epoch, double seconds, Sgd sgd, double[] params, List<CachedSet> scored, Evaluator evaluator,
      Optimizer optimizer, Schedule schedule, Listener listener) {
    double[] full = settings.dropout().inference(settings.spec().layout(), params);
    List<Score> scores = JobDescription.run(sc, "epoch " + epoch + " evaluation",
        () -> evaluator.scoreAll(sc, scored.stream().map(CachedSet::blocks).toList(), full));
    return afterEpoch(epoch, seconds, sgd, figures(scores, full), params, true, optimizer, schedule, listener);
  }

  /**
   * Whole epochs in a task ({@link EpochTasks}) where they suit: exact SGD with fused steps, the
   * training set in one partition, and an epoch's steps and scoring small. Otherwise null.
   */
  private EpochTasks epochTasks(GradientDescent exact, CachedSet walked, List<CachedSet> scored, boolean validation,
      Evaluator evaluator, Techniques t) {
    if (exact == null || noEpochTasks || !exact.fuses() || walked.partitions() != 1) return null;
    long scoredN = scored.stream().mapToLong(CachedSet::size).sum();
    if (!EpochTasks.suit(settings.spec().layout().parameterCount(), walked.size(), scoredN)) return null;
    return new EpochTasks(sc, exact, scored, validation ? scored.size() - 1 : -1, evaluator, settings.dropout(),
        t.earlyStop(), t.halveEta() ? t.patience() : 0);
  }

  /**
   * What follows every epoch: the schedule's decision on its validation accuracy, its row and
   * state to the listener, then the end of the run if it diverged or a rule ended it (else null).
   * Unless atHand, params are an earlier epoch's (its own stayed in a task of whole epochs, whose
   * steps checked them): the listener then gets no state.
   */
  private Result afterEpoch(int epoch, double seconds, Sgd sgd, List<Figures> figures, double[] params, boolean atHand,
      Optimizer optimizer, Schedule schedule, Listener listener) {
    Figures test = figures.get(0);
    Figures train = settings.monitor() ? figures.get(1) : Figures.NONE;
    Figures validation = figures.size() > (settings.monitor() ? 2 : 1) ? figures.get(figures.size() - 1) : Figures.NONE;
    Schedule.Decision decision = schedule.afterEpoch(validation.accuracy == null ? Double.NaN : validation.accuracy);
    listener.epochDone(new EpochMetrics(epoch, seconds, test.accuracy, test.cost, train.accuracy, train.cost,
        validation.accuracy, validation.cost, sgd.eta()),
        atHand ? new TrainState(epoch, params.clone(), optimizer.state(), schedule.state()) : null);
    // A huge cost (a saturated network) is a figure to report, as network2.py does; only parameters that
    // stopped being finite end the run (the optimizer checks them after every step).
    if (!Optimizer.allFinite(params)) return new Result(params, epoch, Status.DIVERGED, null);
    Techniques t = settings.techniques();
    if (decision == Schedule.Decision.EARLY_STOP) {
      return new Result(params, epoch, Status.EARLY_STOPPED,
          "no better validation accuracy for " + t.earlyStop() + " epochs (--early-stop)");
    }
    if (decision == Schedule.Decision.ETA_FLOOR) {
      return new Result(params, epoch, Status.EARLY_STOPPED,
          "eta fell to 1/128 of its starting value (--eta-schedule halve)");
    }
    return null;
  }

  /** The parallel plan: --partitions N workers over the walked set's partitions (the task slots). */
  private ParallelSgd parallel(CachedSet walked, Gradient gradient, Layout layout) {
    int n = walked.size(), workers = settings.partitions();
    if (workers > n) {
      throw new UserError("--partitions " + workers + ": more workers than the " + n
          + " training samples; use at most " + n);
    }
    return new ParallelSgd(sc, walked, new Workers(n, workers), walked.partitions(),
        SyncRule.auto(workers, settings.batchSize(), settings.eta()), gradient, new Updater(layout));
  }

  private static void close(AutoCloseable c) {
    try {
      c.close();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private GradientDescent exact(CachedSet walked, Gradient gradient, Layout layout) {
    GradientDescent gd = new GradientDescent(sc, walked, gradient, new Updater(layout), layout.parameterCount());
    gd.probe(probe);
    return oneJobPerStep ? gd.oneJobPerStep() : gd;
  }

  /** One set's accuracy and total cost (nulls for a set not scored). */
  private record Figures(Double accuracy, Double cost) {
    static final Figures NONE = new Figures(null, null);
  }

  /** Each scored set's figures from a task of whole epochs, which took the costs as {@link #figures(List, double[])}. */
  private static List<Figures> figures(Score[] scores, double[] costs) {
    List<Figures> figures = new ArrayList<>();
    for (int k = 0; k < scores.length; k++) figures.add(new Figures(scores[k].accuracy(), costs[k]));
    return figures;
  }

  /** Each scored set's figures at full, the network evaluation sees. */
  private List<Figures> figures(List<Score> scores, double[] full) {
    Layout layout = settings.spec().layout();
    return scores.stream().map(s -> new Figures(s.accuracy(),
        s.totalCost(settings.techniques().regularization(), settings.lambda(), layout, full))).toList();
  }
}
