package org.nndl.bench;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.nndl.data.Dataset;
import org.nndl.metrics.EpochMetrics;
import org.nndl.net.Initializer;
import org.nndl.train.TrainSettings;
import org.nndl.train.Trainer;

/**
 * {@code bench --parallel}: the parallel plan against exact SGD's fused steps where a speed-up
 * can be measured: [784,100,10] on 60,000 shifted digits, 10 epochs, eta 0.1, lambda 5, m = 10,
 * N = the master's cores. Each run goes through the trainer as {@code ./submit train} does (its
 * own plan, sets cached for the run); runs alternate, exact first; the figures are medians of the
 * train seconds summed over the epochs, and the test accuracy of the last three epochs.
 */
public final class ParallelSpeed {
  private final JavaSparkContext sc;
  private final Dataset train;
  private final Dataset test;

  public ParallelSpeed(JavaSparkContext sc, Dataset digits, Dataset test) {
    this.sc = sc;
    this.train = ShiftedDigits.expand(digits, 60_000);
    this.test = test;
  }

  /** The lines of the bench, from rounds alternated runs of each plan. */
  public List<Measure> run(int rounds) {
    int workers = Math.max(2, sc.defaultParallelism());
    TrainSettings exact = TrainSettings.builder().data("bench").sizes(784, 100, 10).epochs(10).eta(0.1).lambda(5.0)
        .seed(1).partitions(TrainSettings.AUTO).build().validate();  // the command line's plan: fused steps
    TrainSettings parallel = exact.toBuilder().partitions(workers).syncEvery(TrainSettings.SYNC_AUTO).build().validate();
    double[][] seconds = new double[2][rounds];
    double[][] accuracy = new double[2][rounds];
    for (int r = 0; r < rounds; r++) {
      for (int p = 0; p < 2; p++) {
        List<EpochMetrics> rows = new ArrayList<>();
        TrainSettings s = p == 0 ? exact : parallel;
        new Trainer(sc, s).run(train, test, Initializer.DEFAULT.init(s.spec().layout(), s.seed()), () -> false, rows::add);
        seconds[p][r] = rows.stream().mapToDouble(EpochMetrics::trainSeconds).sum();
        accuracy[p][r] = rows.subList(rows.size() - 3, rows.size()).stream().mapToDouble(EpochMetrics::testAccuracy).average()
            .orElseThrow();
        System.err.printf("bench --parallel: %s run %d: %.2f s, last-3 accuracy %.4f%n", p == 0 ? "exact" : "parallel", r + 1,
            seconds[p][r], accuracy[p][r]);
      }
    }
    double e = ScalingTable.median(seconds[0]), q = ScalingTable.median(seconds[1]);
    String what = "[784,100,10] 60k, 10 epochs, eta 0.1";
    List<Measure> out = new ArrayList<>();
    out.add(Measure.of("exact fused steps, " + what + ": train seconds", e, "s"));
    out.add(Measure.of("parallel plan, " + workers + " workers: train seconds", q, "s"));
    out.add(Measure.atMost("parallel / exact train seconds", q / e, "x", 0.6));
    out.add(Measure.atLeast("parallel - exact test accuracy (last 3 epochs, seed 1)",
        100 * (accuracy[1][0] - accuracy[0][0]), "points", -0.2));
    return out;
  }
}
