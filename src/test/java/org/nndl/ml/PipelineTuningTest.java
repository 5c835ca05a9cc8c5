package org.nndl.ml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.evaluation.MulticlassClassificationEvaluator;
import org.apache.spark.ml.feature.MinMaxScaler;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.tuning.CrossValidator;
import org.apache.spark.ml.tuning.CrossValidatorModel;
import org.apache.spark.ml.tuning.ParamGridBuilder;
import org.apache.spark.ml.tuning.TrainValidationSplit;
import org.apache.spark.ml.tuning.TrainValidationSplitModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nndl.SparkTestSession;
import org.nndl.data.DataSource;
import org.nndl.data.Frames;
import org.nndl.data.TrainTest;

/** The estimator where Spark users put estimators: after feature stages in a Pipeline, saved inside it, and tuned. */
class PipelineTuningTest {
  private static final TrainTest DIGITS = DataSource.load(DataSource.SAMPLE, null, 200, 100);

  private static Dataset<Row> train() { return Frames.of(SparkTestSession.get(), DIGITS.train(), 2); }

  private static Dataset<Row> test() { return Frames.of(SparkTestSession.get(), DIGITS.test(), 2); }

  @Test void aPipelineAfterVectorAssemblerAndMinMaxScalerSavesAndLoadsWithTheSamePredictions(@TempDir Path dir) throws Exception {
    Pipeline pipeline = new Pipeline().setStages(new PipelineStage[] {
        new VectorAssembler().setInputCols(new String[] {"features"}).setOutputCol("assembled"),
        new MinMaxScaler().setInputCol("assembled").setOutputCol("scaled"),
        new NetworkClassifier().setValidationFraction(0).setFeaturesCol("scaled").setHiddenLayers(10).setMaxIter(3)});
    PipelineModel model = pipeline.fit(train());
    assertInstanceOf(NetworkClassificationModel.class, model.stages()[2]);
    String path = dir.resolve("pipeline").toString();
    model.write().overwrite().save(path);
    PipelineModel loaded = PipelineModel.load(path);
    List<Row> before = model.transform(test()).select("prediction", "probability").collectAsList();
    List<Row> after = loaded.transform(test()).select("prediction", "probability").collectAsList();
    assertEquals(before, after);
  }

  @Test void crossValidatorAndTrainValidationSplitPickFromAParamGrid() {
    NetworkClassifier clf = new NetworkClassifier().setValidationFraction(0).setHiddenLayers(10).setMaxIter(3).setRegParam(0.1).setInputScale(255);  // lambda 5 on 150 rows decays too fast to learn
    ParamMap[] grid = new ParamGridBuilder().addGrid(clf.stepSize(), new double[] {1e-6, 1.0}).build();
    MulticlassClassificationEvaluator accuracy = new MulticlassClassificationEvaluator().setMetricName("accuracy");
    CrossValidatorModel cv = new CrossValidator().setEstimator(clf).setEstimatorParamMaps(grid).setEvaluator(accuracy)
        .setNumFolds(2).setSeed(1).fit(train());
    assertEquals(2, cv.avgMetrics().length);
    assertTrue(cv.avgMetrics()[1] > cv.avgMetrics()[0], "eta 1 learns, eta 1e-6 does not: " + java.util.Arrays.toString(cv.avgMetrics()));
    assertEquals(1.0, ((NetworkClassificationModel) cv.bestModel()).parent().getOrDefault(clf.stepSize()));
    assertEquals(1.0, ((NetworkClassificationModel) cv.bestModel()).getStepSize(), "the best model's own param, as Spark's");
    TrainValidationSplitModel tvs = new TrainValidationSplit().setEstimator(clf).setEstimatorParamMaps(grid)
        .setEvaluator(accuracy).setTrainRatio(0.75).setSeed(1).fit(train());
    assertTrue(tvs.validationMetrics()[1] > tvs.validationMetrics()[0], java.util.Arrays.toString(tvs.validationMetrics()));
  }
}
