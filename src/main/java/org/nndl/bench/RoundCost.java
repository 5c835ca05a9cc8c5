package org.nndl.bench;

import java.io.IOException;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.stream.IntStream;
import org.apache.spark.BarrierTaskContext;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.broadcast.Broadcast;
import org.nndl.compat.Scala;
import org.nndl.compute.ExactSum;
import org.nndl.train.parallel.HubExchange;
import org.nndl.train.parallel.RoundHub;
import scala.reflect.ClassTag$;
import scala.runtime.AbstractFunction1;

/**
 * {@code bench --rounds}: what one round of the parallel plan costs beyond its arithmetic, with
 * a part of {@code parameters} values per task (two workers' changes, the fixed-point form): inside
 * one barrier stage through the driver's {@link RoundHub}; inside one barrier stage through Spark's
 * {@code allGather}; and as one Spark job per round (broadcast w, a task per slot, the parts merged
 * on the driver), local SGD's shape. The figures are per round, medians of the stage or job times
 * divided by the rounds.
 */
public final class RoundCost {
  private final JavaSparkContext sc;
  private final int parameters;
  private final int slots;

  /** slots: the barrier stages' tasks (0: Spark's default parallelism once the executors are up). */
  public RoundCost(JavaSparkContext sc, int parameters, int slots) {
    this.sc = sc;
    this.parameters = parameters;
    this.slots = slots > 0 ? slots : sc.defaultParallelism();
  }

  public List<Measure> run(int rounds, int repeats) throws IOException {
    awaitExecutors();
    JavaRDD<Integer> parts = sc.parallelize(IntStream.range(0, slots).boxed().toList(), slots).cache();
    parts.count();
    List<Measure> out = new ArrayList<>();
    String where = slots + " tasks, " + sc.master();
    double stage = median(repeats, () -> hubStage(parts, 0));
    double hub = (median(repeats, () -> hubStage(parts, rounds)) - stage) / rounds;
    double job = median(repeats, () -> jobs(parts, rounds)) / rounds;
    double gather = median(Math.min(repeats, 3), () -> gatherStage(parts, 3)) / 3;
    out.add(Measure.of("a barrier stage without rounds (hub connections included), " + where, stage * 1e3, "ms"));
    out.add(Measure.of("round through the driver's hub, " + where, hub * 1e3, "ms"));
    out.add(Measure.of("round through Spark's allGather, " + where, gather * 1e3, "ms"));
    out.add(Measure.of("round as one Spark job, " + where, job * 1e3, "ms"));
    out.add(Measure.atMost("hub round / job round", hub / job, "x", 0.5));
    return out;
  }

  /** Waits (at most a minute) until the executors have cores for every slot: a barrier stage needs them all at once. */
  private void awaitExecutors() {
    long end = System.nanoTime() + 60_000_000_000L;
    while (cores() < slots && System.nanoTime() < end) {
      try {
        Thread.sleep(200);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
    if (cores() < slots) throw new IllegalStateException("only " + cores() + " executor cores for " + slots + " slots after a minute");
  }

  private int cores() {
    if (sc.isLocal()) return sc.defaultParallelism();
    return Math.max(0, sc.sc().statusTracker().getExecutorInfos().length - 1);  // one core each here; the driver is listed too
  }

  private interface Timed { void run() throws IOException; }

  private static double median(int repeats, Timed t) throws IOException {
    double[] s = new double[repeats];
    for (int i = 0; i < repeats; i++) {
      long t0 = System.nanoTime();
      t.run();
      s[i] = (System.nanoTime() - t0) / 1e9;
    }
    java.util.Arrays.sort(s);
    return s[repeats / 2];
  }

  private void hubStage(JavaRDD<Integer> parts, int rounds) throws IOException {
    try (RoundHub hub = new RoundHub(sc.isLocal() ? "127.0.0.1" : sc.getConf().get("spark.driver.host"), slots,
        RoundHub.Listener.NONE)) {
      barrier(parts, new HubRounds(hub.address(), parameters, rounds));
    }
  }

  private void gatherStage(JavaRDD<Integer> parts, int rounds) {
    barrier(parts, new GatherRounds(parameters, rounds));
  }

  private void barrier(JavaRDD<Integer> parts, AbstractFunction1<scala.collection.Iterator<Integer>, scala.collection.Iterator<Integer>> f) {
    JavaRDD.fromRDD(parts.rdd().barrier().mapPartitions(f, false, ClassTag$.MODULE$.apply(Integer.class)),
        ClassTag$.MODULE$.apply(Integer.class)).count();
  }

  private void jobs(JavaRDD<Integer> parts, int rounds) {
    double[] w = new double[parameters];
    for (int r = 0; r < rounds; r++) {
      Broadcast<double[]> bc = sc.broadcast(w);
      ExactSum total = parts.mapPartitions(new JobPart(bc)).reduce(ExactSum::merge);
      total.toDoubles(w);
      bc.destroy();
    }
  }

  /** A part as two workers' changes make it: the fixed-point form. */
  static ExactSum part(int parameters, int seed) {
    double[] a = new double[parameters];
    java.util.SplittableRandom rnd = new java.util.SplittableRandom(seed);
    for (int i = 0; i < parameters; i++) a[i] = rnd.nextDouble() * 1e-3;
    return new ExactSum().add(a).add(a);
  }

  private static final class HubRounds extends AbstractFunction1<scala.collection.Iterator<Integer>, scala.collection.Iterator<Integer>>
      implements Serializable {
    private final RoundHub.Address hub;
    private final int parameters;
    private final int rounds;

    HubRounds(RoundHub.Address hub, int parameters, int rounds) {
      this.hub = hub;
      this.parameters = parameters;
      this.rounds = rounds;
    }

    @Override public scala.collection.Iterator<Integer> apply(scala.collection.Iterator<Integer> it) {
      BarrierTaskContext c = BarrierTaskContext.get();
      ExactSum mine = part(parameters, c.partitionId());
      double[] total = new double[parameters];
      try (HubExchange x = new HubExchange(hub, c.stageAttemptNumber(), c.partitionId())) {
        for (int r = 0; r < rounds; r++) x.total(mine, total);
      }
      return Scala.iterator(List.of(0).iterator());
    }
  }

  private static final class GatherRounds extends AbstractFunction1<scala.collection.Iterator<Integer>, scala.collection.Iterator<Integer>>
      implements Serializable {
    private final int parameters;
    private final int rounds;

    GatherRounds(int parameters, int rounds) {
      this.parameters = parameters;
      this.rounds = rounds;
    }

    @Override public scala.collection.Iterator<Integer> apply(scala.collection.Iterator<Integer> it) {
      BarrierTaskContext c = BarrierTaskContext.get();
      String mine = Base64.getEncoder().encodeToString(part(parameters, c.partitionId()).toBytes());
      for (int r = 0; r < rounds; r++) {
        ExactSum total = new ExactSum();
        for (String s : c.allGather(mine)) total.merge(ExactSum.fromBytes(Base64.getDecoder().decode(s)));
      }
      return Scala.iterator(List.of(0).iterator());
    }
  }

  private static final class JobPart implements FlatMapFunction<Iterator<Integer>, ExactSum> {
    private final Broadcast<double[]> w;

    JobPart(Broadcast<double[]> w) { this.w = w; }

    @Override public Iterator<ExactSum> call(Iterator<Integer> it) {
      int p = it.next();
      return List.of(part(w.value().length, p)).iterator();
    }
  }
}
