package org.nndl.train.parallel;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.nndl.cache.CachedSet;
import org.nndl.compute.Gradient;
import org.nndl.compute.JobDescription;
import org.nndl.net.Sgd;
import org.nndl.train.EpochOutcome;
import org.nndl.train.Optimizer;
import org.nndl.train.Plan;
import org.nndl.train.Updater;
import scala.reflect.ClassTag$;

/**
 * The parallel plan ({@code --partitions N --sync-every auto}): N workers, each with its own
 * shard of the training set, take local mini-batch steps and combine them every K steps by the
 * {@link SyncRule}. A stretch of epochs is one barrier stage whose tasks synchronize inside it
 * ({@link BarrierStretchFunction}), not a Spark job per round or per epoch; the driver keeps the
 * parameters by replaying the rounds' totals ({@link Replay}), so it has every epoch's for
 * scoring and checkpoints when the stage ends. A stretch lasts about {@link #STRETCH_SECONDS}
 * (what a lost executor can cost; the first as the arithmetic at {@link Plan#FLOPS_PER_CORE}
 * says, the next as the last one's epochs took), and a stop request ends it after the current
 * epoch. The
 * workers are spread over at most as many tasks as the cluster has cores, so N workers give the
 * same bits on any cluster. The outer velocity is the optimizer state a checkpoint keeps.
 */
public final class ParallelSgd implements Optimizer, AutoCloseable {
  /**
   * The most workers whose accuracy docs/scaling.md measured within 0.2 points of exact SGD's; at
   * 32 and 64 it fell behind, which the plan line says.
   */
  public static final int MEASURED_WORKERS = 16;
  /** A stretch's length in seconds, once an epoch was timed: a stage's own cost is spread over its epochs. */
  public static final double STRETCH_SECONDS = 10;
  /** The driver keeps w, u and the model of each epoch of a stretch: together at most this many bytes. */
  static final long STRETCH_BYTES = 64L << 20;

  /**
   * An epoch of a stretch: its model (what is scored and saved), the velocity u and the w the
   * workers go on from (as before the round that diverged, and then the model too), its rounds,
   * its seconds on the driver.
   */
  public record EpochEnd(double[] params, double[] velocity, double[] iterate, long rounds, boolean diverged, double seconds) {
    /** The optimizer state a checkpoint keeps after this epoch: u, then w. */
    public double[] state() { return concat(velocity, iterate); }
  }

  private final JavaSparkContext sc;
  private final CachedSet set;
  private final Workers workers;
  private final int slots;
  private final SyncRule rule;
  private final Rounds rounds;
  private final int parameterCount;
  private double[] velocity;
  private double[] iterate;  // the w the workers go on from, once it is not the parameters handed in (an epoch's model)
  private final ShardedSet shards;
  private BarrierStretchFunction.Probe probe = BarrierStretchFunction.Probe.NONE;
  private int next;  // epochs in the next stretch: from the arithmetic at first, then as the last stretch's time says

  public ParallelSgd(JavaSparkContext sc, CachedSet set, Workers workers, int slots, SyncRule rule, Gradient gradient,
      Updater updater) {
    this.sc = sc;
    this.set = set;
    this.workers = workers;
    this.slots = Math.min(slots, workers.count());
    this.rule = rule;
    this.rounds = new Rounds(workers, rule, gradient, updater);
    this.parameterCount = updater.layout().parameterCount();
    this.next = stretch(6.0 * parameterCount * workers.size(0) / Plan.FLOPS_PER_CORE, parameterCount);  // forward 2, backward 4 per weight and sample
    // the shards are the plan's layout of the cached set, made before the first epoch as the set's caching is
    this.shards = JobDescription.run(sc, "the workers' shards", () -> ShardedSet.of(set, workers, this.slots));
  }

  @Override
  public EpochOutcome epoch(double[] params, long seed, int epoch, Sgd sgd, BooleanSupplier stop) {
    if (stop.getAsBoolean()) return new EpochOutcome(0, true, false);
    EpochEnd end = epochs(params, seed, epoch, 1, sgd, stop).get(0);
    System.arraycopy(end.params(), 0, params, 0, params.length);
    return new EpochOutcome((int) end.rounds(), false, end.diverged());
  }

  /** Epochs in the next stretch, at most left. */
  public int nextStretch(int left) { return Math.min(next, left); }

  /**
   * Runs epochs first .. first+count-1 in one barrier stage, from params (not changed here) at
   * the run's start, else from the w and u of the last epoch run or restored; returns each epoch
   * the tasks ended, in order: fewer than count after a stop request (seen by the end of an epoch)
   * or a divergence (the last one then). w and u become the last epoch's.
   */
  public List<EpochEnd> epochs(double[] params, long seed, int first, int count, Sgd sgd, BooleanSupplier stop) {
    long t0 = System.nanoTime();
    if (velocity == null) velocity = new double[params.length];
    double[] start = iterate != null ? iterate : params;
    long perEpoch = rounds.perEpoch(sgd.m());
    Map<Integer, Replay> attempts = new ConcurrentHashMap<>();
    RoundHub.Listener listener = new RoundHub.Listener() {
      @Override public void total(int attempt, double[] total) { attempts.get(attempt).total(total); }

      @Override public boolean stopRequested() { return stop.getAsBoolean(); }

      /** The first attempt starts the stretch; a retried one goes on from the rounds the latest before it replayed. */
      @Override public RoundHub.Resume resume(int attempt) {
        Replay latest = attempts.isEmpty() ? null : attempts.get(Collections.max(attempts.keySet()));
        Replay replay = latest == null ? new Replay(rule, perEpoch, start, velocity) : latest.copy();
        attempts.put(attempt, replay);
        return replay.resume();
      }
    };
    Broadcast<double[][]> bc = sc.broadcast(new double[][] {start, velocity});
    try (RoundHub hub = new RoundHub(driverHost(), shards.rdd().getNumPartitions(), listener)) {
      BarrierStretchFunction task = new BarrierStretchFunction(bc, rounds, hub.address(), seed, first, count, sgd, probe);
      String name = (count == 1 ? "epoch " + first : "epochs " + first + "-" + (first + count - 1)) + " in " + perEpoch
          + " rounds each";
      JobDescription.run(sc, name, () -> JavaRDD.fromRDD(shards.rdd().rdd().barrier().mapPartitions(task, false,
          ClassTag$.MODULE$.apply(Object.class)), ClassTag$.MODULE$.apply(Object.class))
          .repartition(1).collect());  // the (empty) shuffle makes the barrier stage a map stage, which Spark retries whole
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open the parallel plan's round hub on " + driverHost(), e);
    } finally {
      bc.destroy();
    }
    return ended(attempts.get(Collections.max(attempts.keySet())).ends(), t0, System.nanoTime(), params.length);
  }

  /** The stretch's epochs with their seconds (the last one's up to the stage's end); learns the next stretch's length. */
  private List<EpochEnd> ended(List<Replay.EpochEnd> ends, long t0, long t1, int parameterCount) {
    List<EpochEnd> out = new ArrayList<>();
    long from = t0;
    for (int i = 0; i < ends.size(); i++) {
      Replay.EpochEnd e = ends.get(i);
      long to = i == ends.size() - 1 ? t1 : e.endNanos();
      out.add(new EpochEnd(e.model(), e.velocity(), e.params(), e.rounds(), e.diverged(), (to - from) / 1e9));
      from = to;
    }
    velocity = ends.get(ends.size() - 1).velocity().clone();
    iterate = ends.get(ends.size() - 1).params().clone();
    next = stretch((t1 - t0) / 1e9 / ends.size(), parameterCount);
    return out;
  }

  /** Epochs of a stretch at epochSeconds each: about {@link #STRETCH_SECONDS}, at least one, w and u kept within {@link #STRETCH_BYTES}. */
  private static int stretch(double epochSeconds, int parameterCount) {
    return (int) Math.max(1, Math.min(STRETCH_SECONDS / epochSeconds, STRETCH_BYTES / (24.0 * parameterCount)));
  }

  /** Where executors reach the driver (spark.driver.host; the loopback address for a local master). */
  private String driverHost() {
    return sc.isLocal() ? "127.0.0.1" : sc.getConf().get("spark.driver.host", "127.0.0.1");
  }

  /** Lets a test look at each round's exchange in the tasks. */
  ParallelSgd probe(BarrierStretchFunction.Probe p) {
    probe = p;
    return this;
  }

  /** u, then the w the workers go on from: with the model (the checkpoint's parameters), what a resumed run needs. */
  @Override
  public double[] state() {
    if (velocity == null) return null;
    return iterate == null ? velocity.clone() : concat(velocity, iterate);
  }

  /** A checkpoint's {@link #state()}; one of u alone (an earlier version's) goes on from the checkpoint's parameters. */
  @Override
  public void restore(double[] state) {
    velocity = Arrays.copyOf(state, parameterCount);
    iterate = state.length == 2 * parameterCount ? Arrays.copyOfRange(state, parameterCount, state.length) : null;
  }

  private static double[] concat(double[] a, double[] b) {
    double[] both = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, both, a.length, b.length);
    return both;
  }

  @Override public void close() { shards.close(); }
}
