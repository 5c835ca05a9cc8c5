package org.nndl.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.nndl.data.Dataset;
import org.nndl.metrics.EpochMetrics;
import org.nndl.net.Initializer;
import org.nndl.net.Network2;
import org.nndl.net.NetworkSpec;
import org.nndl.net.Regularization;

/**
 * The comparison the trainer tests share: a Spark run and the single-machine reference from the
 * same initial parameters, epoch by epoch; the monitored figures (of the evaluation network, so
 * with dropout's scaling) and the final parameters must agree.
 */
final class SparkVsReference {
  private SparkVsReference() {}

  /** s must monitor the training set. */
  static void check(JavaSparkContext sc, TrainSettings s, Dataset train, Dataset test) {
    NetworkSpec spec = s.spec();
    List<EpochMetrics> rows = new ArrayList<>();
    double[] sparkParams = Initializer.DEFAULT.init(spec.layout(), s.seed());
    Trainer.Result r = new Trainer(sc, s).run(train, test, sparkParams, () -> false, rows::add);
    assertEquals(Trainer.Status.FINISHED, r.status());

    Network2 ref = new Network2(spec, Initializer.DEFAULT.init(spec.layout(), s.seed()));
    Regularization reg = s.techniques().regularization();
    for (int epoch = 1; epoch <= s.epochs(); epoch++) {
      ref.epoch(train, s.sgd(s.eta()), s.seed(), epoch);
      Network2 full = new Network2(spec, s.dropout().inference(spec.layout(), ref.params()));
      EpochMetrics m = rows.get(epoch - 1);
      String at = "epoch " + epoch;
      assertEquals(epoch, m.epoch());
      assertEquals(full.accuracy(test) / (double) test.size(), m.testAccuracy(), 1e-12, at);
      assertEquals(full.totalCost(test, s.lambda(), reg), m.testCost(), 1e-9, at);
      assertEquals(full.accuracy(train) / (double) train.size(), m.trainAccuracy(), 1e-12, at);
      assertEquals(full.totalCost(train, s.lambda(), reg), m.trainCost(), 1e-9, at);
      assertEquals(s.eta(), m.eta());
    }
    double[] expected = ref.params();
    for (int i = 0; i < expected.length; i++) assertEquals(expected[i], r.params()[i], 1e-9, "parameter " + i);
  }
}
