package org.nndl.ml;

import java.util.Arrays;
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
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The Java examples of docs/spark-ml.md. The lines between each {@code // doc: NAME} and
 * {@code // end} are the doc's code block NAME character for character (SparkMlExampleTest checks
 * it, and runs them): what the doc shows is what compiles and runs.
 */
final class SparkMlExample {
  private SparkMlExample() {}

  /** MNIST in LIBSVM form: fit, test accuracy, per-epoch metrics, save. */
  static double libsvm(String trainFile, String testFile, String modelDir) throws java.io.IOException {
    // doc: libsvm
    SparkSession spark = SparkSession.builder().getOrCreate();
    Dataset<Row> train = spark.read().format("libsvm").option("numFeatures", 784).load(trainFile);
    Dataset<Row> test = spark.read().format("libsvm").option("numFeatures", 784).load(testFile);
    NetworkClassifier clf = new NetworkClassifier().setHiddenLayers(30).setMaxIter(30).setStepSize(0.5)
        .setRegParam(5.0).setInputScale(255);
    NetworkClassificationModel model = clf.fit(train);
    double accuracy = new MulticlassClassificationEvaluator().setMetricName("accuracy").evaluate(model.transform(test));
    model.summary().metrics().show();
    model.write().overwrite().save(modelDir);
    // end
    return accuracy;
  }

  /** A Pipeline after feature stages, and a CrossValidator over a param grid. */
  static CrossValidatorModel tuning(Dataset<Row> train) {
    // doc: tuning
    Pipeline pipeline = new Pipeline().setStages(new PipelineStage[] {
        new VectorAssembler().setInputCols(new String[] {"features"}).setOutputCol("assembled"),
        new MinMaxScaler().setInputCol("assembled").setOutputCol("scaled"),
        new NetworkClassifier().setFeaturesCol("scaled").setHiddenLayers(30)});
    PipelineModel fitted = pipeline.fit(train);

    NetworkClassifier clf = new NetworkClassifier().setHiddenLayers(30).setMaxIter(10).setRegParam(0.1).setInputScale(255);
    ParamMap[] grid = new ParamGridBuilder().addGrid(clf.stepSize(), new double[] {0.1, 1.0}).build();
    CrossValidatorModel cv = new CrossValidator().setEstimator(clf).setEstimatorParamMaps(grid)
        .setEvaluator(new MulticlassClassificationEvaluator().setMetricName("accuracy")).setNumFolds(2).fit(train);
    // end
    return cv;
  }

  /** MNIST as CSV (label,pixel0,...,pixel783): the pixel columns assembled into one vector. */
  static Dataset<Row> csv(String csvFile) {
    SparkSession spark = SparkSession.builder().getOrCreate();
    // doc: csv
    Dataset<Row> csv = spark.read().option("header", true).option("inferSchema", true).csv(csvFile);
    String[] pixels = Arrays.stream(csv.columns()).filter(c -> !c.equals("label")).toArray(String[]::new);
    Dataset<Row> train = new VectorAssembler().setInputCols(pixels).setOutputCol("features").transform(csv);
    // end
    return train;
  }
}
