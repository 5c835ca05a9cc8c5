package org.nndl.train.parallel;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
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
import org.nndl.train.Updater;
import scala.reflect.ClassTag$;

/**
 * The parallel plan ({@code --partitions N --sync-every auto}): N workers, each with its own
 * shard of the training set, take local mini-batch steps and combine them every K steps by the
 * {@link SyncRule}; an epoch is one barrier stage whose tasks synchronize inside it
 * ({@link BarrierEpochFunction}), not a Spark job per round. The workers are spread over at most
 * as many tasks as the cluster has cores, so N workers give the same bits on any cluster. The
 * outer velocity is the optimizer state a checkpoint keeps.
 */
public final class ParallelSgd implements Optimizer, AutoCloseable {
  private final JavaSparkContext sc;
  private final CachedSet set;
  private final Workers workers;
  private final int slots;
  private final Rounds rounds;
  private double[] velocity;
  private ShardedSet shards;  // made at the first epoch
  private BarrierEpochFunction.Probe probe = BarrierEpochFunction.Probe.NONE;

  public ParallelSgd(JavaSparkContext sc, CachedSet set, Workers workers, int slots, SyncRule rule, Gradient gradient,
      Updater updater) {
    this.sc = sc;
    this.set = set;
    this.workers = workers;
    this.slots = Math.min(slots, workers.count());
    this.rounds = new Rounds(workers, rule, gradient, updater);
  }

  @Override
  public EpochOutcome epoch(double[] params, long seed, int epoch, Sgd sgd, BooleanSupplier stop) {
    if (stop.getAsBoolean()) return new EpochOutcome(0, true, false);
    if (shards == null) shards = JobDescription.run(sc, "the workers' shards", () -> ShardedSet.of(set, workers, slots));
    if (velocity == null) velocity = new double[params.length];
    Broadcast<double[][]> bc = sc.broadcast(new double[][] {params, velocity});
    try (RoundHub hub = new RoundHub(driverHost(), shards.rdd().getNumPartitions())) {
      BarrierEpochFunction task = new BarrierEpochFunction(bc, rounds, hub.address(), seed, epoch, sgd, probe);
      List<EpochResult> out = JobDescription.run(sc, "epoch " + epoch + " in " + rounds.perEpoch(sgd.m()) + " rounds",
          () -> JavaRDD.fromRDD(shards.rdd().rdd().barrier().mapPartitions(task, false,
              ClassTag$.MODULE$.apply(EpochResult.class)), ClassTag$.MODULE$.apply(EpochResult.class))
              .repartition(1).collect());  // the shuffle makes the barrier stage a map stage, which Spark retries whole
      EpochResult r = out.get(0);
      System.arraycopy(r.params, 0, params, 0, params.length);
      velocity = r.velocity;
      return new EpochOutcome((int) r.rounds, false, r.diverged);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open the parallel plan's round hub on " + driverHost(), e);
    } finally {
      bc.destroy();
    }
  }

  /** Where executors reach the driver (spark.driver.host; the loopback address for a local master). */
  private String driverHost() {
    return sc.isLocal() ? "127.0.0.1" : sc.getConf().get("spark.driver.host", "127.0.0.1");
  }

  /** Lets a test look at each round's exchange in the tasks. */
  ParallelSgd probe(BarrierEpochFunction.Probe p) {
    probe = p;
    return this;
  }

  @Override public double[] state() { return velocity == null ? null : velocity.clone(); }

  @Override public void restore(double[] state) { velocity = state.clone(); }

  @Override public void close() { if (shards != null) shards.close(); }
}
