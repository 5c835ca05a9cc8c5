package org.nndl.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.function.IntFunction;
import org.nndl.compat.Scala;
import org.nndl.compute.Gradient;
import org.nndl.data.Block;
import org.nndl.data.Dataset;
import org.nndl.eval.Evaluator;
import org.nndl.net.Activation;
import org.nndl.net.Cost;
import org.nndl.net.EpochOrder;
import org.nndl.net.Initializer;
import org.nndl.net.Layout;
import org.nndl.net.NetworkSpec;
import org.nndl.net.Sgd;
import org.nndl.train.Updater;
import org.nndl.train.parallel.Rounds;
import org.nndl.train.parallel.Shard;
import org.nndl.train.parallel.SyncRule;
import org.nndl.train.parallel.TailMean;
import org.nndl.train.parallel.Workers;

/**
 * {@code bench --scaling}: the parallel plan's accuracy (its auto rule, or a variant) against exact SGD, run for run in one
 * process, for several worker counts and seeds. A parallel run here carries all its workers in
 * one task: the bits of {@code ./submit train --partitions N --sync-every auto} on any cluster
 * (ParallelSgdTest), without Spark's start. Exact SGD walks the notebook's order in mini-batches,
 * the bits of the fused plan. Each run's figure is its test accuracy averaged over the last three
 * epochs; the table gives, per N, the median over the seeds of (parallel - exact).
 */
public final class ScalingTable {
  /** One run's outcome: its test accuracy per epoch. */
  public record Run(int workers, long seed, double[] accuracies) {
    /** The mean of the last three epochs' test accuracies (fewer when the run is shorter). */
    public double last3() {
      int from = Math.max(0, accuracies.length - 3);
      return Arrays.stream(accuracies, from, accuracies.length).average().orElse(Double.NaN);
    }
  }

  private final Dataset train;
  private final Dataset test;
  private final NetworkSpec spec;
  private final Sgd sgd;
  private final int epochs;
  private final IntFunction<SyncRule> rule;

  /** rule: the parallel plan's rule for N workers (SyncRule.auto, or a variant to compare). */
  public ScalingTable(Dataset train, Dataset test, int[] sizes, int m, double eta, double lambda, int epochs,
      IntFunction<SyncRule> rule) {
    this.rule = rule;
    this.train = train;
    this.test = test;
    this.spec = new NetworkSpec(new Layout(sizes), Activation.SIGMOID, Cost.CROSS_ENTROPY);
    this.sgd = Sgd.network2(m, eta, lambda);
    this.epochs = epochs;
  }

  /** Every (N, seed) run, N = 1 meaning exact SGD, on threads parallel runs at once. */
  public List<Run> runAll(int[] workers, long[] seeds, int threads) throws InterruptedException, ExecutionException {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<Run>> futures = new ArrayList<>();
      for (long seed : seeds) {
        futures.add(pool.submit(() -> run(1, seed)));
        for (int n : workers) futures.add(pool.submit(() -> run(n, seed)));
      }
      List<Run> runs = new ArrayList<>();
      for (Future<Run> f : futures) runs.add(f.get());
      return runs;
    } finally {
      pool.shutdownNow();
    }
  }

  /** One run: exact SGD for workers = 1, else the parallel plan's auto rule for that many workers. */
  public Run run(int workers, long seed) {
    int n = train.size();
    double[] w = Initializer.DEFAULT.init(spec.layout(), seed);
    List<Block> blocks = Block.split(train, 4096);
    List<Block> testBlocks = Block.split(test, 4096);
    Gradient gradient = new Gradient(spec);
    Updater updater = new Updater(spec.layout());
    Evaluator.Scorer scorer = new Evaluator(spec).scorer();
    double[] accuracies = new double[epochs];
    double[] velocity = new double[w.length];
    Workers ws = workers > 1 ? new Workers(n, workers) : null;
    List<Shard> shards = workers > 1 ? shards(ws, blocks) : null;
    Rounds rounds = workers > 1 ? new Rounds(ws, rule.apply(workers), gradient, updater) : null;
    EpochOrder orders = null;
    TailMean tail = rounds != null && rounds.rule().tailMean() ? new TailMean(rounds.perEpoch(sgd.m()), w.length) : null;
    for (int e = 1; e <= epochs; e++) {
      double[] model = w;  // what the epoch hands on: w, or the parallel rule's mean of its last rounds
      if (rounds != null) {
        rounds.epoch(w, velocity, shards, seed, e, sgd, Rounds.Exchange.IN_PROCESS, tail);
        if (tail != null) model = tail.take(w);
      } else {
        orders = EpochOrder.reuse(orders, seed, w.length, n);
        exactEpoch(w, orders.of(e), blocks, gradient, updater, e);
      }
      accuracies[e - 1] = scorer.partition(model, Scala.iterator(testBlocks.iterator())).accuracy();
    }
    Run r = new Run(workers, seed, accuracies);
    System.err.printf(Locale.ROOT, "bench: scaling N=%d seed=%d last-3 %.4f (each epoch: %s)%n", workers, seed, r.last3(),
        Arrays.stream(accuracies).mapToObj(a -> String.format(Locale.ROOT, "%.4f", a)).collect(Collectors.joining(" ")));
    return r;
  }

  private void exactEpoch(double[] w, int[] order, List<Block> blocks, Gradient gradient, Updater updater, int epoch) {
    int m = sgd.m(), n = order.length;
    double[] grad = new double[w.length];
    for (int s = 0; s * m < n; s++) {
      int[] batch = Arrays.copyOfRange(order, s * m, Math.min(n, s * m + m));
      Arrays.sort(batch);
      Arrays.fill(grad, 0);
      gradient.accumulate(w, blocks, batch, epoch, s, grad);
      updater.apply(w, grad, batch.length, sgd, n);
    }
  }

  private static List<Shard> shards(Workers ws, List<Block> blocks) {
    List<Shard> shards = new ArrayList<>();
    for (int k = 0; k < ws.count(); k++) {
      int from = ws.from(k), to = ws.to(k);
      shards.add(new Shard(k, from, to, blocks.stream().filter(b -> b.first() < to && b.end() > from).toList()));
    }
    return shards;
  }

  /** The table: per N, each seed's difference to exact in points, their median, and whether it is within 0.2. */
  public static String markdown(List<Run> runs, int[] workers, long[] seeds) {
    StringBuilder b = new StringBuilder("| workers | exact (last 3, per seed) | parallel | difference per seed (points) | median | within 0.2 |\n");
    b.append("|---|---|---|---|---|---|\n");
    for (int n : workers) {
      double[] diff = new double[seeds.length];
      StringBuilder ex = new StringBuilder(), par = new StringBuilder(), d = new StringBuilder();
      for (int i = 0; i < seeds.length; i++) {
        double e = find(runs, 1, seeds[i]).last3(), p = find(runs, n, seeds[i]).last3();
        diff[i] = 100 * (p - e);
        ex.append(i == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%.2f%%", 100 * e));
        par.append(i == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%.2f%%", 100 * p));
        d.append(i == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%+.2f", diff[i]));
      }
      double median = median(diff);
      b.append(String.format(Locale.ROOT, "| %d | %s | %s | %s | %+.2f | %s |%n", n, ex, par, d, median,
          median >= -0.2 ? "yes" : "NO"));
    }
    return b.toString();
  }

  static double median(double[] xs) {
    double[] s = xs.clone();
    Arrays.sort(s);
    return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
  }

  private static Run find(List<Run> runs, int workers, long seed) {
    return runs.stream().filter(r -> r.workers() == workers && r.seed() == seed).findFirst().orElseThrow();
  }
}
