package org.nndl.train;

import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nndl.SparkTestSession;
import org.nndl.data.Dataset;
import org.nndl.net.Activation;
import org.nndl.net.Cost;
import org.nndl.net.Output;
import org.nndl.net.Regularization;

/** Each chapter-3 technique on Spark against the single-machine reference, on 1, 2 and 3 partitions. */
class ChapterThreeTrainerTest {
  private static final Dataset TRAIN = TestData.images(95, 4, 4, 3, 31);  // 95: the last batch is short
  private static final Dataset TEST = TestData.images(40, 4, 4, 3, 32);

  private static JavaSparkContext sc() { return JavaSparkContext.fromSparkContext(SparkTestSession.get().sparkContext()); }

  /** A technique by name, on the book's small network (16, 6, 3). */
  private static TrainSettings settings(String technique, int partitions) {
    TrainSettings base = TrainSettings.builder().data("test").sizes(16, 6, 5, 3).epochs(3).lambda(2.0).seed(42)
        .monitor(true).partitions(partitions).build();
    Techniques none = Techniques.NONE;
    TrainSettings chosen = switch (technique) {
      case "l1" -> base.with(new Techniques(Regularization.L1, 0, 0, 0, 0, false, 10, false));
      case "momentum" -> base.with(new Techniques(Regularization.L2, 0, 0.8, 0, 0, false, 10, false));
      case "dropout" -> base.with(new Techniques(Regularization.L2, 0.5, 0, 0, 0, false, 10, false));
      case "softmax" -> base.toBuilder().output(Output.SOFTMAX).cost(Cost.LOG_LIKELIHOOD).build();
      case "all" -> base.toBuilder().activation(Activation.TANH).output(Output.SOFTMAX).cost(Cost.LOG_LIKELIHOOD)
          .eta(0.1).lambda(1.0).seed(7).techniques(new Techniques(Regularization.L1, 0.3, 0.5, 0, 0, false, 10, false))
          .build();
      // local SGD with one partition and K = 1 is the exact algorithm: so with dropout and L1 too
      case "local" -> base.toBuilder().syncEvery(1)
          .techniques(new Techniques(Regularization.L1, 0.5, 0, 0, 0, false, 10, false)).build();
      default -> base.with(none);
    };
    return chosen.validate();
  }

  @ParameterizedTest
  @CsvSource({"l1,1", "l1,2", "l1,3", "momentum,1", "momentum,2", "momentum,3", "dropout,1", "dropout,2", "dropout,3",
      "softmax,1", "softmax,2", "softmax,3", "all,2", "all,3", "local,1"})
  void sparkEqualsTheReference(String technique, int partitions) {
    SparkVsReference.check(sc(), settings(technique, partitions), TRAIN, TEST);
  }
}
