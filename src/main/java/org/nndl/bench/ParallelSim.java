package org.nndl.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.nndl.compute.Gradient;
import org.nndl.data.Block;
import org.nndl.data.Dataset;
import org.nndl.data.IdxReader;
import org.nndl.data.Shift;
import org.nndl.eval.Evaluator;
import org.nndl.eval.Score;
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
import org.nndl.train.parallel.Workers;
import scala.jdk.javaapi.CollectionConverters;

/** Exploration: the parallel plan's rounds in one process (all workers in one task), against exact SGD. */
public final class ParallelSim {
  public static void main(String[] a) {
    String dir = a[0];
    int hidden = Integer.parseInt(a[1]);
    double eta = Double.parseDouble(a[2]);
    int epochs = Integer.parseInt(a[3]);
    long seed = Long.parseLong(a[4]);
    int workersN = Integer.parseInt(a[5]);   // 1 = exact
    long k = Long.parseLong(a[6]);
    double beta = Double.parseDouble(a[7]);
    double alpha = Double.parseDouble(a[8]);
    boolean corrected = a[9].equals("c");
    int warm = Integer.parseInt(a[10]);
    boolean expand = a.length > 11 && a[11].equals("expand");
    Dataset train = IdxReader.readDataset(dir + "/train-images-idx3-ubyte", dir + "/train-labels-idx1-ubyte");
    Dataset test = IdxReader.readDataset(dir + "/t10k-images-idx3-ubyte", dir + "/t10k-labels-idx1-ubyte");
    if (expand) train = Shift.expand(train);
    int n = train.size();
    NetworkSpec spec = new NetworkSpec(new Layout(new int[] {784, hidden, 10}), Activation.SIGMOID, Cost.CROSS_ENTROPY);
    double[] w = Initializer.DEFAULT.init(spec.layout(), seed);
    List<Block> blocks = Block.split(train, 4096);
    List<Block> testBlocks = Block.split(test, 4096);
    Sgd sgd = Sgd.network2(10, eta, 5.0);
    Gradient gradient = new Gradient(spec);
    Updater updater = new Updater(spec.layout());
    Evaluator.Scorer scorer = new Evaluator(spec).scorer();
    double[] u = new double[w.length];
    StringBuilder accs = new StringBuilder();
    long t0 = System.nanoTime();
    for (int e = 1; e <= epochs; e++) {
      if (workersN == 1) {
        int[] order = EpochOrder.reuse(null, seed, w.length, n).of(e);
        double[] grad = new double[w.length];
        for (int s = 0; s * 10 < n; s++) {
          int[] batch = java.util.Arrays.copyOfRange(order, s * 10, Math.min(n, s * 10 + 10));
          java.util.Arrays.sort(batch);
          java.util.Arrays.fill(grad, 0);
          gradient.accumulate(w, blocks, batch, e, s, grad);
          updater.apply(w, grad, batch.length, sgd, n);
        }
      } else {
        Workers ws = new Workers(n, workersN);
        List<Shard> shards = new ArrayList<>();
        for (int j = 0; j < workersN; j++) {
          int from = ws.from(j), to = ws.to(j);
          shards.add(new Shard(j, from, to, blocks.stream().filter(b -> b.first() < to && b.end() > from).toList()));
        }
        new Rounds(ws, e <= warm ? new SyncRule(1, 0, workersN) : new SyncRule(k, beta, alpha, corrected), gradient, updater).epoch(w, u, shards, seed, e, sgd, Rounds.Exchange.IN_PROCESS);
      }
      Score sc = scorer.partition(w, CollectionConverters.asScala(testBlocks.iterator()));
      accs.append(String.format(Locale.ROOT, " %.4f", sc.accuracy()));
    }
    System.out.printf(Locale.ROOT, "h=%d eta=%s N=%d K=%d beta=%s alpha=%s %s warm=%d seed=%d %.1fs:%s%n", hidden, eta, workersN, k, beta, alpha, corrected ? "corr" : "", warm, seed,
        (System.nanoTime() - t0) / 1e9, accs);
  }
}
