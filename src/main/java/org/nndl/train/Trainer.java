package org.nndl.train;

import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import java.util.stream.IntStream;
import org.apache.spark.storage.StorageLevel;
import org.nndl.data.Block;
import org.nndl.data.Dataset;
import org.nndl.data.DistributedSet;
import org.nndl.metrics.EpochMetrics;
import org.nndl.net.Layout;
import org.nndl.net.NetworkSpec;

/**
 * A whole run: caches the data as blocks, then per epoch runs {@link GradientDescent} and scores
 * the test set (and the training set when monitored), handing each finished epoch to a listener.
 */
public final class Trainer {
  /** How a run ended. */
  public enum Status { FINISHED, STOPPED, DIVERGED }

  public record Result(double[] params, int epochsDone, Status status) {}

  private static final int MAX_BLOCK = 4096;

  private final JavaSparkContext sc;
  private final TrainSettings settings;

  public Trainer(JavaSparkContext sc, TrainSettings settings) {
    this.sc = sc;
    this.settings = settings;
  }

  /** Checks that the data fits the network; throws IllegalArgumentException saying what to change. */
  public static void checkData(NetworkSpec spec, Dataset set, String name) {
    checkShape(spec, set.rows(), set.cols(), set.size(), name);
    int max = -1, at = -1;
    for (int i = 0; i < set.size(); i++) if (set.label(i) > max) { max = set.label(i); at = i; }
    checkLabel(spec, max, at, name);
  }

  /** The input layer must have one neuron per pixel, and the set must not be empty. */
  public static void checkShape(NetworkSpec spec, int rows, int cols, int size, String name) {
    Layout layout = spec.layout();
    if (rows * cols != layout.inputSize()) {
      throw new IllegalArgumentException("the input layer has " + layout.inputSize() + " neurons but the " + name
          + " images have " + rows + "x" + cols + " = " + rows * cols + " pixels: use --sizes " + rows * cols + ",...");
    }
    if (size == 0) throw new IllegalArgumentException("the " + name + " set is empty: check --data and the limits");
  }

  /** The largest label (of sample {@code sample}) must have an output neuron. */
  public static void checkLabel(NetworkSpec spec, int maxLabel, int sample, String name) {
    int out = spec.layout().outputSize();
    if (maxLabel >= out) {
      throw new IllegalArgumentException("label " + maxLabel + " of " + name + " sample " + sample
          + " has no output neuron (the output layer has " + out + "): use a larger last --sizes entry");
    }
  }

  /** The block size that gives every one of the partitions at least one block, capped. */
  public static int blockSize(int n, int partitions) {
    return Math.max(1, Math.min(MAX_BLOCK, (n + partitions - 1) / partitions));
  }

  /**
   * Cuts a set into cached blocks spread over the given number of partitions. The blocks reach
   * the executors through one broadcast, not inside the RDD's partitions: a parallelized
   * collection would ship its data with every task, i.e. with every SGD step.
   */
  public CachedSet cache(Dataset set, int partitions) {
    List<Block> blocks = Block.split(set, blockSize(set.size(), partitions));
    Broadcast<List<Block>> source = sc.broadcast(blocks);
    int parts = Math.min(partitions, blocks.size());
    JavaRDD<Block> rdd = sc.parallelize(IntStream.range(0, blocks.size()).boxed().toList(), parts)
        .map(i -> source.value().get(i))
        .persist(StorageLevel.MEMORY_ONLY());
    // Materialises the cache and learns which samples each partition holds (blocks are in order).
    List<int[]> starts = rdd.mapPartitionsWithIndex((p, it) -> {
      int first = Integer.MAX_VALUE;
      while (it.hasNext()) first = Math.min(first, it.next().first());
      return List.of(new int[] {p, first}).iterator();
    }, true).collect();
    int[] firstSample = new int[parts + 1];
    for (int[] s : starts) firstSample[s[0]] = s[1];
    firstSample[parts] = set.size();
    return new CachedSet(rdd, firstSample, source);
  }

  /** Caches blocks that the executors read themselves; a lost block is read again from its file. */
  public static CachedSet cache(DistributedSet set) {
    JavaRDD<Block> rdd = set.blocks().persist(StorageLevel.MEMORY_ONLY());
    rdd.count();
    return new CachedSet(rdd, set.firstSample(), null);
  }

  public Result run(Dataset train, Dataset test, double[] params, BooleanSupplier stop, Consumer<EpochMetrics> onEpoch) {
    NetworkSpec spec = settings.spec();
    checkData(spec, train, "training");
    checkData(spec, test, "test");
    int partitions = settings.partitions() > 0 ? settings.partitions() : sc.defaultParallelism();
    try (CachedSet trainSet = cache(train, partitions); CachedSet testSet = cache(test, partitions)) {
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
