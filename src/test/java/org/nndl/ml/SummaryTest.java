package org.nndl.ml;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.apache.spark.ml.evaluation.MulticlassClassificationEvaluator;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.nndl.SparkTestSession;
import org.nndl.data.DataSource;
import org.nndl.data.Frames;
import org.nndl.data.TrainTest;
import org.nndl.net.Network2;

/** The summary and evaluate(df) as Spark's: objectiveHistory against the reference's total cost, metrics against the evaluator and by hand. */
class SummaryTest {
  private static SparkSession spark() { return SparkTestSession.get(); }

  @Test void objectiveHistoryHasAnEpochsCostAndItsLastIsTheReferencesTotalCost() {
    TrainTest d = DataSource.load(DataSource.SAMPLE, null, 300, 100);
    NetworkClassificationModel model = new NetworkClassifier().setValidationFraction(0).setHiddenLayers(10).setMaxIter(3).setRegParam(0.5)
        .setStepSize(1.0).setInputScale(255).fit(Frames.of(spark(), d.train(), 2));
    double[] history = model.summary().objectiveHistory();
    assertEquals(3, history.length);
    assertEquals(3, model.summary().totalIterations());
    // network2.py's total_cost on the 300 training rows (all scored: fewer than 10,000) with the last epoch's weights
    double reference = new Network2(model.spec(), model.weights()).totalCost(d.train(), 0.5);
    assertEquals(reference, history[2], 1e-12 * reference);
    assertTrue(history[2] < history[0], "the cost falls: " + java.util.Arrays.toString(history));
  }

  @Test void evaluateAndTheTrainingSummaryGiveTheEvaluatorsFigures() {
    TrainTest d = DataSource.load(DataSource.SAMPLE, null, 300, 200);
    Dataset<Row> train = Frames.of(spark(), d.train(), 2), test = Frames.of(spark(), d.test(), 2);
    NetworkClassificationModel model = new NetworkClassifier().setValidationFraction(0).setHiddenLayers(10).setMaxIter(2).setRegParam(0.5)
        .setInputScale(255).fit(train);
    assertTrue(model.hasSummary());
    assertTrue(model.copy(ParamMap.empty()).hasSummary(), "a copy keeps the summary, as Spark's models");
    NetworkClassificationSummary onTest = model.evaluate(test);
    for (Object[] pair : new Object[][] {{onTest, model.transform(test)}, {model.summary(), model.transform(train)}}) {
      NetworkClassificationSummary s = (NetworkClassificationSummary) pair[0];
      Dataset<Row> predictions = (Dataset<Row>) pair[1];
      MulticlassClassificationEvaluator e = new MulticlassClassificationEvaluator();
      assertEquals(e.setMetricName("accuracy").evaluate(predictions), s.accuracy());
      assertEquals(e.setMetricName("weightedPrecision").evaluate(predictions), s.weightedPrecision());
      assertEquals(e.setMetricName("weightedRecall").evaluate(predictions), s.weightedRecall());
      assertEquals(e.setMetricName("f1").evaluate(predictions), s.weightedFMeasure());
      assertEquals(e.setMetricName("weightedTruePositiveRate").evaluate(predictions), s.weightedTruePositiveRate());
      assertEquals(e.setMetricName("weightedFalsePositiveRate").evaluate(predictions), s.weightedFalsePositiveRate());
      assertEquals(predictions.count(), s.predictions().count());
    }
  }

  @Test void weightedFiguresOfFourRowsWorkedOutByHand() {
    // outputs sigmoid(x) and sigmoid(-x): class 0 for x > 0, class 1 for x < 0
    NetworkClassificationModel model = NetworkClassificationModel.fromNetwork2Json("{\"sizes\":[1,2],"
        + "\"weights\":[[[1.0],[-1.0]]],\"biases\":[[[0.0],[0.0]]],\"cost\":\"CrossEntropyCost\"}");
    assertFalse(model.hasSummary());
    List<Row> rows = List.of(RowFactory.create(0.0, Vectors.dense(1)), RowFactory.create(1.0, Vectors.dense(2)),
        RowFactory.create(1.0, Vectors.dense(-1)), RowFactory.create(1.0, Vectors.dense(-3)));
    NetworkClassificationSummary s = model.evaluate(spark().createDataFrame(rows, Frames.schema()));
    // predicted 0, 0, 1, 1 for labels 0, 1, 1, 1: class 0 precision 1/2 recall 1, class 1 precision 1 recall 2/3
    assertArrayEquals(new double[] {0, 1}, s.labels());
    assertEquals(0.75, s.accuracy(), 1e-15);
    assertEquals(0.25 * 0.5 + 0.75 * 1, s.weightedPrecision(), 1e-15);
    assertEquals(0.25 * 1 + 0.75 * 2.0 / 3, s.weightedRecall(), 1e-15);
    assertEquals(0.25 * (2 * 0.5 * 1 / 1.5) + 0.75 * (2 * (2.0 / 3) / (5.0 / 3)), s.weightedFMeasure(), 1e-15);
  }
}
