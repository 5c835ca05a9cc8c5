package org.nndl.ml;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.nndl.SparkTestSession;
import org.nndl.data.DataSource;
import org.nndl.data.Frames;
import org.nndl.data.TrainTest;
import org.nndl.train.TrainSettings;
import org.nndl.train.TrainState;
import org.nndl.train.Trainer;
import org.nndl.train.TrainingSets;

/** syncEvery "auto", the parallel plan, from the estimator: the bits of ./submit train --sync-every auto --partitions 2. */
class SyncAutoTest {
  private static final int N = 240;

  private static SparkSession spark() { return SparkTestSession.get(); }

  @Test void syncEveryAutoOnTwoWorkersFitsTheCliTrainersParametersBitForBit() {
    TrainTest digits = DataSource.load(DataSource.SAMPLE, null, N, 50);
    NetworkClassificationModel model = new NetworkClassifier().setValidationFraction(0).setHiddenLayers(12).setMaxIter(2).setSeed(4).setStepSize(1.0)
        .setSyncEvery("auto").setPartitions("2").setInputScale(255).fit(Frames.of(spark(), digits.train(), 3));
    // what ./submit train --data sample --train-limit 240 --sizes 784,12,10 --epochs 2 --eta 1 --seed 4 --sync-every auto --partitions 2 runs
    TrainSettings s = TrainSettings.builder().data(DataSource.SAMPLE).sizes(784, 12, 10).epochs(2).eta(1.0).seed(4)
        .trainLimit(N).testLimit(50).partitions(2).syncEvery(TrainSettings.SYNC_AUTO).build().validate();
    JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark().sparkContext());
    double[] cli;
    try (TrainingSets sets = TrainingSets.open(sc, s, null)) {
      cli = new Trainer(sc, s).run(sets, TrainState.start(s.init().init(s.spec().layout(), 4), 1.0), () -> false, (m, st) -> {})
          .params();
    }
    assertArrayEquals(cli, model.weights());
    assertTrue(model.summary().plan().startsWith("parallel SGD, 2 workers"), model.summary().plan());
    assertEquals("auto", model.getSyncEvery());
  }

  @Test void syncEveryAutoWithoutTwoWorkersIsRefusedNamingParams() {
    for (String partitions : new String[] {"auto", "1"}) {
      NetworkClassifier clf = new NetworkClassifier().setValidationFraction(0).setSyncEvery("auto").setPartitions(partitions);
      String m = assertThrows(IllegalArgumentException.class,
          () -> clf.fit(Frames.of(spark(), DataSource.load(DataSource.SAMPLE, null, 20, 1).train(), 1))).getMessage();
      assertEquals("syncEvery auto needs partitions N, the workers, with N >= 2 (e.g. partitions 4)", m);
    }
  }
}
