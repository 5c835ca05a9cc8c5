package org.nndl.train;

import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.apache.spark.api.java.JavaSparkContext;
import org.nndl.data.Dataset;
import org.nndl.metrics.EpochMetrics;
import org.nndl.net.Layout;
import org.nndl.net.NetworkSpec;

/**
 * A whole run: per epoch, one epoch of the {@link Optimizer} (exact {@link GradientDescent} or
 * {@link LocalSgd}), then the test set scored (and the training set when monitored), each
 * finished epoch handed to a listener.
 */
public final class Trainer {
  /** How a run ended. */
  public enum Status { FINISHED, STOPPED, DIVERGED }

  public record Result(double[] params, int epochsDone, Status status) {}

  private final JavaSparkContext sc;
  private final TrainSettings settings;

  public Trainer(JavaSparkContext sc, TrainSettings settings) {
    this.sc = sc;
    this.settings = settings;
  }

  public Result run(Dataset train, Dataset test, double[] params, BooleanSupplier stop, Consumer<EpochMetrics> onEpoch) {
    NetworkSpec spec = settings.spec();
    DataChecks.check(spec, train, "training");
    DataChecks.check(spec, test, "test");
    int partitions = settings.partitions() > 0 ? settings.partitions() : sc.defaultParallelism();
    try (CachedSet trainSet = CachedSet.broadcast(sc, train, partitions);
        CachedSet testSet = CachedSet.broadcast(sc, test, partitions)) {
      return run(trainSet, testSet, params, stop, onEpoch);
    }
  }

  /** Trains on sets already cached (and checked against the network). */
  public Result run(CachedSet trainSet, CachedSet testSet, double[] params,
      BooleanSupplier stop, Consumer<EpochMetrics> onEpoch) {
    NetworkSpec spec = settings.spec();
    Layout layout = spec.layout();
    Optimizer optimizer = settings.syncEvery() == TrainSettings.EXACT
        ? new GradientDescent(sc, trainSet, new Gradient(spec), new Updater(layout), layout.parameterCount())
        : new LocalSgd(sc, trainSet, new Gradient(spec), new Updater(layout), layout.parameterCount(), settings.syncEvery());
    Evaluator evaluator = new Evaluator(spec);
    double lambda = settings.lambda();
    for (int epoch = 1; epoch <= settings.epochs(); epoch++) {
      long t0 = System.nanoTime();
      GradientDescent.EpochOutcome out = optimizer.epoch(params, settings.seed(), epoch, settings.batchSize(),
          settings.eta(), lambda, stop);
      double seconds = (System.nanoTime() - t0) / 1e9;
      if (out.stopped()) return new Result(params, epoch - 1, Status.STOPPED);
      if (out.diverged()) return new Result(params, epoch - 1, Status.DIVERGED);
      double w2 = layout.weightSquares(params);
      Score testScore = evaluator.score(sc, testSet.blocks(), params);
      Double trainAcc = null, trainCost = null;
      if (settings.monitor()) {
        Score s = evaluator.score(sc, trainSet.blocks(), params);
        trainAcc = s.accuracy();
        trainCost = s.totalCost(lambda, w2);
      }
      double testCost = testScore.totalCost(lambda, w2);
      onEpoch.accept(new EpochMetrics(epoch, seconds, testScore.accuracy(), testCost, trainAcc, trainCost));
      if (!Double.isFinite(testCost) || (trainCost != null && !Double.isFinite(trainCost))) {
        return new Result(params, epoch, Status.DIVERGED);
      }
    }
    return new Result(params, settings.epochs(), Status.FINISHED);
  }
}
