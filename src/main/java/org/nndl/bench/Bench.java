package org.nndl.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.storage.RDDInfo;
import org.nndl.cache.CachedSet;
import org.nndl.train.TrainingSets;
import org.nndl.compute.Gradient;
import org.nndl.data.Dataset;
import org.nndl.data.DistributedIdx;
import org.nndl.data.IdxWriter;
import org.nndl.eval.Evaluator;
import org.nndl.eval.Score;
import org.nndl.net.Initializer;
import org.nndl.net.Network2;
import org.nndl.net.Sgd;
import org.nndl.train.GradientDescent;
import org.nndl.train.LocalSgd;
import org.nndl.train.Optimizer;
import org.nndl.train.Plan;
import org.nndl.train.TrainSettings;
import org.nndl.train.Updater;

/**
 * The speed figures of the project, all measured in one Spark session so that their ratios
 * are comparable on a noisy machine: Spark's floor for a step, the trainer's step, epochs at
 * several batch sizes, the single-threaded reference, evaluation, cache size and driver heap.
 */
public final class Bench {
  private final JavaSparkContext sc;
  private final TrainSettings settings;
  private final Dataset train;
  private final Dataset test;
  private final int partitions;
  private final int floorReps;
  private final int[] syncEvery;

  public Bench(JavaSparkContext sc, TrainSettings settings, Dataset digits, Dataset test, int size, int partitions,
      int floorReps, int[] syncEvery) {
    this.sc = sc;
    this.settings = settings;
    this.train = ShiftedDigits.expand(digits, size);
    this.test = test;
    this.partitions = partitions;
    this.floorReps = floorReps;
    this.syncEvery = syncEvery.clone();
  }

  public List<Measure> run() {
    ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
    List<Measure> out = new ArrayList<>();
    int n = train.size();
    try (CachedSet set = fromFiles(train, "60k")) {
      out.add(Measure.atMost("cached bytes per sample", cachedBytes(set) / n, "B", 1.1 * 785));
      double floor = floorStepMs(set);
      out.add(Measure.of("floor: bare broadcast + treeAggregate step", floor, "ms"));

      Epoch m10 = epoch(set, 10);
      out.add(Measure.of("trainer step, m=10 (median)", m10.stepMs, "ms"));
      out.add(Measure.atMost("trainer step / floor", m10.stepMs / floor, "x", 0.5));
      double ref = referenceSamplesPerSecond();
      out.add(Measure.of("reference (1 thread, plain Java) samples/s", ref, "samples/s"));
      for (Epoch e : List.of(m10, epoch(set, 100), epoch(set, 1000))) {
        out.add(Measure.of("epoch of " + n + ", m=" + e.m, e.seconds, "s"));
        out.add(Measure.of("samples/s, m=" + e.m, n / e.seconds, "samples/s"));
        String ratio = "trainer / reference samples/s, m=" + e.m;
        out.add(e.m == 1000 ? Measure.atLeast(ratio, n / e.seconds / ref, "x", 1.6)
            : Measure.of(ratio, n / e.seconds / ref, "x"));
      }
      out.add(Measure.of("test accuracy after one epoch, m=10", m10.testAccuracy, "fraction"));
      out.addAll(automaticPlan(m10, n / ref));
      double refEpoch = n / ref;
      for (int k : syncEvery) {
        Epoch e = epoch(set, 10, k);
        String name = "sync every " + (k == TrainSettings.ONE_EPOCH ? "epoch" : String.valueOf(k)) + ", m=10: ";
        out.add(Measure.of(name + "epoch", e.seconds, "s"));
        out.add(Measure.atMost(name + "epoch / reference epoch", e.seconds / refEpoch, "x", 3));
        out.add(Measure.atLeast(name + "test accuracy - exact's", 100 * (e.testAccuracy - m10.testAccuracy), "points", -1));
      }
      out.addAll(kernel());

      // Alternated and best of two each, so that JIT warm-up and a busy neighbour favour neither size.
      try (CachedSet big = fromFiles(ShiftedDigits.expand(train, 4 * n), "240k")) {
        double small = Double.MAX_VALUE, large = Double.MAX_VALUE;
        for (int r = 0; r < 2; r++) {
          small = Math.min(small, epoch(set, 100).seconds);
          large = Math.min(large, epoch(big, 100).seconds);
        }
        out.add(Measure.within("epoch time, 4x the samples / 1x (m=100, best of 2)", large / small, "x", 3.6, 4.4));
      }
    }
    out.add(Measure.of("driver peak heap", peakHeapBytes() / 1e6, "MB"));
    return out;
  }

  /**
   * {@code bench --kernel}: the executor's kernel on one thread, evaluation (the kernel's forward
   * pass in chunks), and fused steps in Spark against the kernel.
   */
  public List<Measure> kernel() {
    List<Measure> out = new ArrayList<>(new KernelSpeed(settings, train).measure(10));
    out.add(Measure.atMost("evaluate 10,000 samples (median of 5)", evaluateMs(), "ms", 100));
    out.addAll(fusedAgainstKernel());
    return out;
  }

  /**
   * Exact fused steps at m = 10 on one partition, in Spark tasks of about half a second as a run
   * takes them (wall clock, samples/s: one core), against the kernel alone on this thread (its
   * CPU clock), alternated over three epochs after an untimed one each; medians. What the Spark path adds to its kernel:
   * the task, the per-step update and checks. The wall clock counts a busy machine's other work,
   * the CPU clock does not: measure on a quiet machine.
   */
  private List<Measure> fusedAgainstKernel() {
    int n = train.size(), rounds = 3;
    KernelSpeed kernel = new KernelSpeed(settings, train);
    double[] fused = new double[rounds], alone = new double[rounds];
    try (CachedSet set = fromFiles(train, "60k-fused", 1)) {
      Optimizer descent = optimizer(set, TrainSettings.EXACT, true);  // one for all epochs, as a run has: its tasks' size learnt
      double[] params = Initializer.DEFAULT.init(settings.spec().layout(), settings.seed());
      Sgd sgd = Sgd.network2(10, settings.eta(), settings.lambda());
      descent.epoch(params, settings.seed(), 1, sgd, () -> false);
      kernel.epoch(10, 1);
      for (int r = 0; r < rounds; r++) {
        long t0 = System.nanoTime();
        descent.epoch(params, settings.seed(), r + 2, sgd, () -> false);
        fused[r] = n / ((System.nanoTime() - t0) / 1e9);
        alone[r] = kernel.epoch(10, r + 2);
      }
    }
    double f = Timings.median(fused), k = Timings.median(alone);
    return List.of(Measure.of("fused steps in Spark, m=10, 1 partition: samples/s (median of " + rounds + ")", f, "samples/s"),
        Measure.of("kernel alone, alternated with them: samples/s per core (median of " + rounds + ")", k, "samples/s"),
        Measure.atLeast("fused steps / kernel samples/s, m=10", f / k, "x", 0.75));
  }

  /**
   * {@code bench --expanded}: steps on the book's 5x expanded view of the cached set against steps
   * on the set itself, alternated round by round (medians of the rounds' medians), then the
   * cache's bytes per original sample: the view widens its shifted copies from the cached images
   * and caches nothing itself.
   */
  public List<Measure> expandedView() {
    List<Measure> out = new ArrayList<>();
    try (CachedSet set = fromFiles(train, "60k"); CachedSet view = set.expanded()) {
      double before = cachedBytes(set);
      for (int m : new int[] {10, 1000}) {
        int steps = m == 10 ? 200 : 20, rounds = 5;
        double[] plain = new double[rounds], expanded = new double[rounds];
        for (int r = 0; r < rounds; r++) {
          plain[r] = stepMs(set, m, r + 1, steps);
          expanded[r] = stepMs(view, m, r + 1, steps);
        }
        double p = Timings.median(plain), e = Timings.median(expanded);
        out.add(Measure.of("plain set: step, m=" + m + " (median)", p, "ms"));
        out.add(Measure.of("expanded view (5x): step, m=" + m + " (median)", e, "ms"));
        out.add(Measure.of("expanded view step / plain step, m=" + m, e / p, "x"));
      }
      double after = cachedBytes(set) + cachedBytes(view);
      out.add(Measure.of("cached bytes per original sample, view in use", after / set.size(), "B"));
      out.add(Measure.atMost("cached bytes, view in use / before the view", after / before, "x", 1));
    }
    return out;
  }

  /**
   * The exact epoch at m = 10 under the automatic plan (on a machine like the issue's: the
   * training set in one partition, steps fused), against one job per step and the references;
   * numpy's epoch, 1.2 s, is measured elsewhere (docs/fused-steps.md). Timed is a second epoch on
   * the cached set, as numpy's is an epoch over data in memory; the first reads the files.
   */
  private List<Measure> automaticPlan(Epoch perStep, double referenceEpoch) {
    List<Measure> out = new ArrayList<>();
    int n = train.size();
    Plan plan = Plan.choose(TrainingSets.cluster(sc), n, train.inputSize() + 1, settings.spec().layout().parameterCount(),
        10, TrainSettings.EXACT, TrainSettings.AUTO);
    System.err.println("bench: plan for " + n + " samples at m=10: " + plan.text());
    try (CachedSet set = fromFiles(train, "60k-plan", plan.trainPartitions())) {
      epoch(set, 10, TrainSettings.EXACT, true);  // untimed: reads and caches the set, warms the JIT, as a run's first epoch
      Epoch e = epoch(set, 10, TrainSettings.EXACT, true);
      if (plan.trainPartitions() == 1) {
        out.add(Measure.atLeast("fused steps, m=10: samples/s per core", n / e.seconds, "samples/s", 100_000));
      }
      out.add(Measure.atMost("exact epoch of " + n + ", m=10, automatic plan (numpy: 1.2 s)", e.seconds, "s", 1.2));
      out.add(Measure.atMost("exact epoch, automatic plan (stretch)", e.seconds, "s", 0.6));
      out.add(Measure.atMost("exact epoch, automatic plan / reference epoch", e.seconds / referenceEpoch, "x", 1));
      out.add(Measure.of("exact epoch, one job per step / automatic plan", perStep.seconds / e.seconds, "x"));
      out.add(Measure.within("test accuracy, automatic plan - one job per step (the same bits)",
          e.testAccuracy - perStep.testAccuracy, "fraction", 0, 0));
    }
    return out;
  }

  /**
   * {@code bench --crossover}: the exact epoch of 10,000 samples at several m, fused on one
   * partition against one job per step on every core: where one job per step starts to pay.
   */
  public List<Measure> crossover(int[] ms) {
    List<Measure> out = new ArrayList<>();
    Dataset tenK = train.limit(10_000);
    try (CachedSet one = fromFiles(tenK, "10k-1", 1); CachedSet all = fromFiles(tenK, "10k-all", partitions)) {
      epoch(one, 10, TrainSettings.EXACT, true);  // warm-up
      for (int m : ms) {
        double fused = epoch(one, m, TrainSettings.EXACT, true).seconds;
        double perStep = epoch(all, m, TrainSettings.EXACT, false).seconds;
        out.add(Measure.of("m=" + m + ": fused steps, 1 partition, epoch", fused, "s"));
        out.add(Measure.of("m=" + m + ": one job per step, " + partitions + " partitions, epoch", perStep, "s"));
        out.add(Measure.of("m=" + m + ": one job per step / fused", perStep / fused, "x"));
        out.add(Measure.of("m=" + m + ": fused steps' arithmetic (6 FLOP per parameter and sample)",
            6.0 * settings.spec().layout().parameterCount() * tenK.size() / fused / 1e9, "GFLOP/s"));
        out.add(Measure.of("m=" + m + ": per-step overhead beyond half the fused step",
            (perStep - fused / Math.min(partitions, m)) / (10_000.0 / m) * 1e3, "ms"));
      }
    }
    return out;
  }

  /** The median of the first steps of an exact epoch at m. */
  private double stepMs(CachedSet set, int m, int epoch, int steps) {
    Timings timings = new Timings(steps);
    optimizer(set, TrainSettings.EXACT).epoch(Initializer.DEFAULT.init(settings.spec().layout(), settings.seed()),
        settings.seed(), epoch, Sgd.network2(m, settings.eta(), settings.lambda()), timings);
    return timings.medianStepMs();
  }

  /**
   * Caches a set the way {@code train} does: written as raw IDX files that the executors read by
   * byte ranges, so the driver holds no copy of the data while the clock runs.
   */
  private CachedSet fromFiles(Dataset set, String name) { return fromFiles(set, name, partitions); }

  private CachedSet fromFiles(Dataset set, String name, int partitions) {
    try {
      Path dir = Files.createTempDirectory("nndl-bench-" + name);
      dir.toFile().deleteOnExit();
      Path images = dir.resolve("images-idx3-ubyte"), labels = dir.resolve("labels-idx1-ubyte");
      IdxWriter.write(set, images, labels);
      images.toFile().deleteOnExit();
      labels.toFile().deleteOnExit();
      return CachedSet.of(DistributedIdx.load(sc, images.toString(), labels.toString(), partitions,
          CachedSet.blockSize(set.size(), partitions), 0));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the benchmark's data to a temporary folder", e);
    }
  }

  /** A step as a user would write it: broadcast, a do-nothing treeAggregate of parameter-sized arrays, destroy. */
  private double floorStepMs(CachedSet set) {
    double[] params = new double[settings.spec().layout().parameterCount()];
    double[] ms = new double[floorReps];
    for (int r = -floorReps / 5; r < floorReps; r++) {  // the first fifth warms up
      long t0 = System.nanoTime();
      Broadcast<double[]> bc = sc.broadcast(params);
      set.blocks().treeAggregate(new double[0],
          (acc, block) -> acc.length == 0 ? new double[bc.value().length] : acc,
          (a, b) -> {
            if (a.length == 0) return b;
            for (int i = 0; i < b.length; i++) a[i] += b[i];
            return a;
          });
      bc.destroy();
      if (r >= 0) ms[r] = (System.nanoTime() - t0) / 1e6;
    }
    return Timings.median(ms);
  }

  private record Epoch(int m, double seconds, double stepMs, double testAccuracy) {}

  private Epoch epoch(CachedSet set, int m) { return epoch(set, m, TrainSettings.EXACT); }

  /** The card's shapes: one job per exact step (never fused), or local SGD. */
  private Optimizer optimizer(CachedSet set, int syncEvery) { return optimizer(set, syncEvery, false); }

  private Optimizer optimizer(CachedSet set, int syncEvery, boolean fuse) {
    var layout = settings.spec().layout();
    if (syncEvery != TrainSettings.EXACT) {
      return new LocalSgd(sc, set, new Gradient(settings.spec()), new Updater(layout), layout.parameterCount(), syncEvery);
    }
    GradientDescent gd = new GradientDescent(sc, set, new Gradient(settings.spec()), new Updater(layout), layout.parameterCount());
    return fuse ? gd : gd.oneJobPerStep();
  }

  private Epoch epoch(CachedSet set, int m, int syncEvery) { return epoch(set, m, syncEvery, false); }

  private Epoch epoch(CachedSet set, int m, int syncEvery, boolean fuse) {
    double[] params = Initializer.DEFAULT.init(settings.spec().layout(), settings.seed());
    Optimizer gd = optimizer(set, syncEvery, fuse);
    Timings timings = new Timings();
    long t0 = System.nanoTime();
    gd.epoch(params, settings.seed(), 1, Sgd.network2(m, settings.eta(), settings.lambda()), timings);
    double seconds = (System.nanoTime() - t0) / 1e9;
    try (CachedSet testSet = CachedSet.broadcast(sc, test, partitions)) {
      Score s = new Evaluator(settings.spec()).score(sc, testSet.blocks(), params);
      return new Epoch(m, seconds, timings.medianStepMs(), s.accuracy());
    }
  }

  /** The single-threaded reference's training speed, over enough samples to take a second or so. */
  private double referenceSamplesPerSecond() {
    var layout = settings.spec().layout();
    Network2 ref = new Network2(settings.spec(), Initializer.DEFAULT.init(layout, settings.seed()));
    int samples = Math.min(train.size(), 4000);
    int[] order = IntStream.range(0, samples).toArray();
    for (int k = 0; k < 1000; k += 10) ref.updateMiniBatch(train, order, k, k + 10, 0.5, 5.0, train.size());  // warm-up
    long t0 = System.nanoTime();
    for (int k = 0; k < samples; k += 10) {
      ref.updateMiniBatch(train, order, k, Math.min(k + 10, samples), 0.5, 5.0, train.size());
    }
    return samples / ((System.nanoTime() - t0) / 1e9);
  }

  private double evaluateMs() {
    try (CachedSet tenK = CachedSet.broadcast(sc, train.limit(10_000), partitions)) {
      double[] params = Initializer.DEFAULT.init(settings.spec().layout(), 1);
      Evaluator evaluator = new Evaluator(settings.spec());
      double[] ms = new double[5];
      evaluator.score(sc, tenK.blocks(), params);  // warm-up
      for (int r = 0; r < ms.length; r++) {
        long t0 = System.nanoTime();
        evaluator.score(sc, tenK.blocks(), params);
        ms[r] = (System.nanoTime() - t0) / 1e6;
      }
      return Timings.median(ms);
    }
  }

  private double cachedBytes(CachedSet set) {
    int id = set.blocks().id();
    return Arrays.stream(sc.sc().getRDDStorageInfo()).filter(i -> i.id() == id)
        .mapToDouble(RDDInfo::memSize).sum();
  }

  private static double peakHeapBytes() {
    return ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP)
        .mapToDouble(p -> p.getPeakUsage().getUsed()).sum();
  }
}
