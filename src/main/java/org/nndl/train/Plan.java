package org.nndl.train;

import java.util.Locale;
import org.nndl.train.parallel.ParallelSgd;
import org.nndl.train.parallel.SyncRule;

/**
 * How a run lays out its data ({@code --partitions auto}, the default). Exact SGD is sequential:
 * a step needs the one before, so a Spark job per step can be no faster than one core and costs a
 * job's overhead on top. Where a step's arithmetic is small against that overhead (the book's
 * m = 10), the training set goes into one partition and its steps run back to back in tasks on
 * the executor ({@link GradientDescent}'s fused steps); where it is large (big m), or where one
 * executor should not hold the whole training set, the set is spread over every core and each
 * step is a job whose batch is computed in parallel. Local SGD ({@code --sync-every K}) uses every
 * core. The test and validation sets always do: scoring is one parallel job per epoch.
 *
 * <p>The constants are measured figures (docs/fused-steps.md): {@link #JOB_SECONDS_LOCAL} from
 * {@code ./submit bench} on local[2] (an m = 10 epoch of 60,000 samples, one job per step: 7.9 ms
 * a step, almost all of it the job), {@link #FLOPS_PER_CORE} from {@code ./submit bench
 * --crossover} (fused steps at m = 100 to 1000: 17.6-20.2 GFLOP/s on one core),
 * {@link #JOB_SECONDS_CLUSTER} from steps between executor JVMs on a standalone cluster (issue 11).
 *
 * @param trainPartitions partitions of the training set
 * @param evalPartitions partitions of the test and validation sets
 * @param text the plan in words, printed at the start of a run and kept in the runs table
 */
public record Plan(int trainPartitions, int evalPartitions, String text) {
  /** Overhead of one step's Spark job in local mode (driver and executor in one JVM). */
  static final double JOB_SECONDS_LOCAL = 0.008;
  /** The same between JVMs (a standalone cluster's executors): task results cross a socket. */
  static final double JOB_SECONDS_CLUSTER = 0.032;
  /** The batched kernel's speed on one core, in double-precision floating-point operations per second. */
  public static final double FLOPS_PER_CORE = 18e9;
  /** The share of an executor's storage memory one cached training set may take. */
  static final double SET_SHARE_OF_STORAGE = 0.25;

  /**
   * Where a run trains.
   *
   * @param local true for a local[...] master (driver and executor in one JVM)
   * @param cores tasks that can run at once (Spark's default parallelism)
   * @param executorHeap the heap of one executor in bytes (the driver's in local mode)
   * @param memoryFraction spark.memory.fraction: the share of the heap beyond 300 MB that Spark
   *     gives execution and storage
   */
  public record Cluster(boolean local, int cores, long executorHeap, double memoryFraction) {
    /** Spark's default spark.memory.fraction. */
    static final double SPARK_MEMORY_FRACTION = 0.6;

    public Cluster(boolean local, int cores, long executorHeap) { this(local, cores, executorHeap, SPARK_MEMORY_FRACTION); }

    /** Spark's storage memory of one executor: (heap - 300 MB reserved) x spark.memory.fraction. */
    long storageBytes() { return (long) (Math.max(0, executorHeap - 300L * 1024 * 1024) * memoryFraction); }
  }

  /**
   * The plan for a training set of n samples of bytesPerSample cached bytes, a network of
   * parameterCount weights and biases, mini-batches of m, and --sync-every / --partitions as
   * TrainSettings holds them.
   */
  public static Plan choose(Cluster c, long n, int bytesPerSample, int parameterCount, int m, int syncEvery,
      int partitions) {
    boolean exact = syncEvery == TrainSettings.EXACT;
    String mode = exact ? "exact SGD" : "local SGD (sync every " + syncText(syncEvery) + ")";
    if (partitions > 0 || partitions == TrainSettings.DEFAULT_PARALLELISM) {
      int p = partitions > 0 ? partitions : c.cores();
      String why = partitions > 0 ? "--partitions " + partitions : "--partitions 0: Spark's default parallelism";
      return new Plan(p, p, mode + ", " + count(p) + (exact && p == 1 ? ", fused steps" : "") + " (" + why + ")");
    }
    if (!exact) return new Plan(c.cores(), c.cores(), mode + ", " + count(c.cores()) + ": every core");
    long bytes = n * bytesPerSample;
    long allowed = (long) (c.storageBytes() * SET_SHARE_OF_STORAGE);
    if (bytes > allowed) {
      return new Plan(c.cores(), c.cores(), mode + ", " + count(c.cores()) + ", one job per step (the training set, "
          + mb(bytes) + ", is more than a quarter of one executor's storage memory, " + mb(c.storageBytes())
          + "; --partitions N --sync-every auto spreads it over N workers instead)");
    }
    double perJob = perStepJobSeconds(c, parameterCount, m);
    double fused = fusedStepSeconds(c, parameterCount, m);
    if (c.cores() == 1 || fused <= perJob) {
      return new Plan(1, c.cores(), mode + ", 1 partition, fused steps (m=" + m + ": one job per step would cost "
          + ratio(perJob / fused) + " here)" + (c.cores() > 1 ? "; evaluation on " + c.cores() + " partitions" : ""));
    }
    return new Plan(c.cores(), c.cores(), mode + ", " + count(c.cores()) + ", one job per step (m=" + m
        + ": fused steps on one core would take " + ratio(fused / perJob) + " as long)");
  }

  /**
   * The parallel plan ({@code --sync-every auto}) for n samples of bytesPerSample cached bytes: N
   * workers carried by at most as many task slots as the cluster has cores, the training set
   * spread over those slots (so a set larger than one executor's storage still trains: the plan
   * says so).
   */
  public static Plan parallel(Cluster c, long n, int bytesPerSample, int workers, SyncRule rule) {
    int slots = Math.min(workers, c.cores());
    long bytes = n * bytesPerSample;
    String spread = bytes > c.storageBytes() * SET_SHARE_OF_STORAGE
        ? "; the training set, " + mb(bytes) + ", more than a quarter of one executor's storage memory (" + mb(c.storageBytes())
            + "), is spread over the slots, " + mb(bytes / slots) + " each" : "";
    String beyond = workers > ParallelSgd.MEASURED_WORKERS
        ? "; exact SGD's accuracy is kept up to " + ParallelSgd.MEASURED_WORKERS + " workers, not beyond: docs/scaling.md" : "";
    return new Plan(slots, c.cores(), "parallel SGD, " + workers + " workers on " + slots + " task slot" + (slots == 1 ? "" : "s")
        + ", " + rule.text() + " (one barrier stage per about " + (int) ParallelSgd.STRETCH_SECONDS + " s of epochs" + spread + beyond + ")");
  }

  /** A step's arithmetic on one core: forward 2 and backward 4 operations per parameter and sample. */
  static double fusedStepSeconds(Cluster c, int parameterCount, int m) {
    return 6.0 * parameterCount * m / FLOPS_PER_CORE;
  }

  /** A step as a Spark job over every core: the job's overhead, then the batch split over the cores. */
  static double perStepJobSeconds(Cluster c, int parameterCount, int m) {
    double job = c.local() ? JOB_SECONDS_LOCAL : JOB_SECONDS_CLUSTER;
    return job + fusedStepSeconds(c, parameterCount, m) / Math.min(c.cores(), m);
  }

  private static String count(int p) { return p + (p == 1 ? " partition" : " partitions"); }

  private static String ratio(double x) { return String.format(Locale.ROOT, x >= 10 ? "%.0fx" : "%.1fx", x); }

  /** Megabytes, with a decimal below 10 (so that a small set and a small executor are told apart). */
  private static String mb(long bytes) { return String.format(Locale.ROOT, bytes < 9.95e6 ? "%.1f MB" : "%.0f MB", bytes / 1e6); }

  private static String syncText(int k) { return k == TrainSettings.ONE_EPOCH ? "epoch" : String.valueOf(k); }
}
