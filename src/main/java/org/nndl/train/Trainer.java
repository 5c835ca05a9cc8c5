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
import org.nndl.eval.Evaluator;
import org.nndl.eval.Score;
import org.nndl.metrics.EpochMetrics;
import org.nndl.net.Dropout;
import org.nndl.net.Layout;
import org.nndl.net.NetworkSpec;
import org.nndl.net.Sgd;

/**
 * A whole run: per epoch, one epoch of the {@link Optimizer} (exact {@link GradientDescent} or
 * {@link LocalSgd}) at the {@link Schedule}'s learning rate, then the full network (dropout's
 * scaling applied) scored on the test set, the validation set when there is one, and the training
 * set when monitored; each finished epoch goes to a listener with the state a checkpoint needs.
 */
public final class Trainer {
  /** How a run ended. */
  public enum Status { FINISHED, STOPPED, DIVERGED, EARLY_STOPPED }

  /** The end of a run; why says, for EARLY_STOPPED, which rule ended it. */
  public record Result(double[] params, int epochsDone, Status status, String why) {}

  /** Sees each finished epoch: its metrics row, then the state after it. */
  public interface Listener {
    void epochDone(EpochMetrics metrics, TrainState state);
  }

  private final JavaSparkContext sc;
  private final TrainSettings settings;
  private boolean oneJobPerStep;

  public Trainer(JavaSparkContext sc, TrainSettings settings) {
    this.sc = sc;
    this.settings = settings;
  }

  /** Exact mode with one Spark job per step even where steps could be fused (for comparisons). */
  Trainer oneJobPerStep() {
    oneJobPerStep = true;
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
    Optimizer optimizer = settings.syncEvery() == TrainSettings.EXACT ? exact(walked, gradient, layout)
        : new LocalSgd(sc, walked, gradient, new Updater(layout), layout.parameterCount(), settings.syncEvery());
    if (state.optimizer() != null) optimizer.restore(state.optimizer());
    Techniques t = settings.techniques();
    Schedule schedule = new Schedule(t.earlyStop(), t.halveEta() ? t.patience() : 0, state.schedule());
    Evaluator evaluator = new Evaluator(spec);
    double[] params = state.params();
    for (int epoch = state.epochsDone() + 1; epoch <= settings.epochs(); epoch++) {
      Sgd sgd = settings.sgd(schedule.eta());
      double[] epochStart = params.clone();
      long t0 = System.nanoTime();
      EpochOutcome out = optimizer.epoch(params, settings.seed(), epoch, sgd, stop);
      double seconds = (System.nanoTime() - t0) / 1e9;
      if (out.stopped()) {
        System.arraycopy(epochStart, 0, params, 0, params.length);
        return new Result(params, epoch - 1, Status.STOPPED, null);
      }
      if (out.diverged()) return new Result(params, epoch - 1, Status.DIVERGED, null);
      double[] full = dropout.inference(layout, params);  // the network evaluation sees
      List<CachedSet> scored = new ArrayList<>(List.of(sets.test()));  // one job scores them all
      if (settings.monitor()) scored.add(sets.train());
      if (sets.validation() != null) scored.add(sets.validation());
      List<Figures> figures = JobDescription.run(sc, "epoch " + epoch + " evaluation", () -> figures(evaluator, scored, full));
      Figures test = figures.get(0);
      Figures train = settings.monitor() ? figures.get(1) : Figures.NONE;
      Figures validation = sets.validation() != null ? figures.get(figures.size() - 1) : Figures.NONE;
      Schedule.Decision decision = schedule.afterEpoch(validation.accuracy == null ? Double.NaN : validation.accuracy);
      listener.epochDone(new EpochMetrics(epoch, seconds, test.accuracy, test.cost, train.accuracy, train.cost,
          validation.accuracy, validation.cost, sgd.eta()),
          new TrainState(epoch, params.clone(), optimizer.state(), schedule.state()));
      // A huge cost (a saturated network) is a figure to report, as network2.py does; only parameters that
      // stopped being finite end the run (the optimizer checks them after every step).
      if (!Optimizer.allFinite(params)) return new Result(params, epoch, Status.DIVERGED, null);
      if (decision == Schedule.Decision.EARLY_STOP) {
        return new Result(params, epoch, Status.EARLY_STOPPED,
            "no better validation accuracy for " + t.earlyStop() + " epochs (--early-stop)");
      }
      if (decision == Schedule.Decision.ETA_FLOOR) {
        return new Result(params, epoch, Status.EARLY_STOPPED,
            "eta fell to 1/128 of its starting value (--eta-schedule halve)");
      }
    }
    return new Result(params, settings.epochs(), Status.FINISHED, null);
  }

  private GradientDescent exact(CachedSet walked, Gradient gradient, Layout layout) {
    GradientDescent gd = new GradientDescent(sc, walked, gradient, new Updater(layout), layout.parameterCount());
    return oneJobPerStep ? gd.oneJobPerStep() : gd;
  }

  /** One set's accuracy and total cost (nulls for a set not scored). */
  private record Figures(Double accuracy, Double cost) {
    static final Figures NONE = new Figures(null, null);
  }

  private List<Figures> figures(Evaluator evaluator, List<CachedSet> scored, double[] params) {
    List<Score> scores = evaluator.scoreAll(sc, scored.stream().map(CachedSet::blocks).toList(), params);
    Layout layout = settings.spec().layout();
    return scores.stream().map(s -> new Figures(s.accuracy(),
        s.totalCost(settings.techniques().regularization(), settings.lambda(), layout, params))).toList();
  }
}
