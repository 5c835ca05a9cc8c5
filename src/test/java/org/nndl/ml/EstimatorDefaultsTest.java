package org.nndl.ml;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.nndl.SparkTestSession;
import org.nndl.data.DataSource;
import org.nndl.data.Frames;
import org.nndl.net.Regularization;
import org.nndl.train.Techniques;
import org.nndl.train.TrainSettings;

/**
 * The estimator's defaults (docs/spark-ml.md#defaults): the book's network and step, a tenth of the
 * rows held out by Dataset.randomSplit with the seed, eta halved after 2 epochs without a better
 * validation accuracy, a stop after 6 such epochs, at most 30 epochs.
 */
class EstimatorDefaultsTest {
  private static SparkSession spark() { return SparkTestSession.get(); }

  @Test void theDefaultsValues() {
    NetworkClassifier clf = new NetworkClassifier();
    assertArrayEquals(new int[] {30}, clf.getHiddenLayers());
    assertEquals("sigmoid", clf.getActivation());
    assertEquals("cross-entropy", clf.getCost());
    assertEquals(30, clf.getMaxIter());
    assertEquals(10, clf.getBatchSize());
    assertEquals(0.5, clf.getStepSize());
    assertEquals(5.0, clf.getRegParam());
    assertEquals(1L, clf.getSeed());
    assertEquals(0.1, clf.getValidationFraction());
    assertEquals("halve", clf.getEtaSchedule());
    assertEquals(2, clf.getPatience());
    assertEquals(6, clf.getEarlyStop());
    assertEquals("exact", clf.getSyncEvery());
    assertEquals("auto", clf.getPartitions());
  }

  /** As the trainer's settings: the book's, with the validation techniques on when there are validation rows, off without. */
  @Test void theDefaultsAsSettings() {
    TrainSettings book = TrainSettings.builder().data("DataFrame").partitions(TrainSettings.AUTO).epochs(30).build();
    TrainSettings held = Fit.settings(new NetworkClassifier(), 784, 10, 1600);
    assertEquals(book.with(new Techniques(Regularization.L2, 0, 0, 1600, 6, true, 2, false)).all(), held.all());
    TrainSettings none = Fit.settings(new NetworkClassifier().setValidationFraction(0), 784, 10, 0);
    assertEquals(book.with(new Techniques(Regularization.L2, 0, 0, 0, 0, false, 2, false)).all(), none.all());
  }

  /**
   * A step too small to move any weight (1e-300: every update is below the weights' last bit) keeps
   * the initial network, so every epoch's validation accuracy is the same, never better than the
   * first. By the documented rule, by hand: epochs 1-3 at eta, halved after epoch 3 (2 epochs
   * without a better accuracy), epochs 4-5 at eta/2, halved again, epochs 6-7 at eta/4; after epoch
   * 7, 6 epochs without a better accuracy: the stop. The validation rows are randomSplit([0.9,
   * 0.1], seed)'s second part, the training rows its first: the recorded accuracy is the model's on
   * the one, the summary's predictions are of the other.
   */
  @Test void earlyStopAndHalvingAtTheDefaultsOnARandomTenth() {
    Dataset<Row> frame = Frames.of(spark(), DataSource.load(DataSource.SAMPLE, null, 500, 10).train(), 2).cache();
    double eta = 1e-300;
    NetworkClassificationModel model = new NetworkClassifier().setStepSize(eta).setHiddenLayers(10).setInputScale(255)
        .setSeed(7).fit(frame);
    List<Row> epochs = model.summary().metrics().orderBy("epoch").select("epoch", "epoch_eta", "validation_accuracy").collectAsList();
    assertEquals(7, epochs.size(), "epochs run: " + epochs);
    double[] etas = epochs.stream().mapToDouble(r -> r.getDouble(1)).toArray();
    assertArrayEquals(new double[] {eta, eta, eta, eta / 2, eta / 2, eta / 4, eta / 4}, etas);
    Dataset<Row>[] split = frame.randomSplit(new double[] {0.9, 0.1}, 7);
    double onHeldOut = model.evaluate(split[1]).accuracy();
    assertTrue(onHeldOut > 0, "a figure that tells rows apart: " + onHeldOut);
    for (Row r : epochs) assertEquals(onHeldOut, r.getDouble(2), "epoch " + r.get(0));
    assertEquals(split[0].count(), model.summary().predictions().count());
    assertEquals(500, split[0].count() + split[1].count());
  }
}
