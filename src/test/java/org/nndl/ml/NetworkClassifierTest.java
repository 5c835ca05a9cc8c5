package org.nndl.ml;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nndl.SparkTestSession;
import org.nndl.train.TrainingSets;
import org.nndl.data.DataSource;
import org.nndl.data.Frames;
import org.nndl.data.Shift;
import org.nndl.data.TrainTest;
import org.nndl.net.Network2;
import org.nndl.train.TrainSettings;
import org.nndl.train.TrainState;
import org.nndl.train.Trainer;

/** fit against the command line's trainer on the same samples (bit for bit), the model against the reference network. */
class NetworkClassifierTest {
  private static final int N = 300;

  private static SparkSession spark() { return SparkTestSession.get(); }

  private static TrainTest digits() { return DataSource.load(DataSource.SAMPLE, null, N, 50); }

  @Test void fitOnADataFrameGivesTheCliTrainersParametersBitForBit() {
    NetworkClassifier clf = new NetworkClassifier().setValidationFraction(0).setHiddenLayers(20).setMaxIter(2).setSeed(5).setStepSize(1.0)
        .setInputScale(255);
    NetworkClassificationModel model = clf.fit(Frames.of(spark(), digits().train(), 3));
    // what ./submit train --data sample --train-limit 300 --sizes 784,20,10 --epochs 2 --eta 1 --seed 5 runs
    TrainSettings s = TrainSettings.builder().data(DataSource.SAMPLE).sizes(784, 20, 10).epochs(2).eta(1.0).seed(5)
        .trainLimit(N).testLimit(50).partitions(TrainSettings.AUTO).build().validate();  // the CLI default, as fit's partitions "auto"
    JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark().sparkContext());
    double[] cli;
    try (TrainingSets sets = TrainingSets.open(sc, s, null)) {
      cli = new Trainer(sc, s).run(sets, TrainState.start(s.init().init(s.spec().layout(), 5), 1.0), () -> false, (m, st) -> {})
          .params();
    }
    assertArrayEquals(cli, model.weights());
    assertEquals(784, model.numFeatures());
    assertEquals(10, model.numClasses());
    assertEquals(2, model.summary().metrics().count());
    assertEquals(List.of("epoch", "train_seconds", "test_accuracy", "test_cost", "train_accuracy", "train_cost",
        "validation_accuracy", "validation_cost", "epoch_eta"), List.of(model.summary().metrics().columns()));
  }

  @Test void transformGivesTheReferenceNetworksOutputsProbabilitiesAndArgmax() {
    TrainTest d = digits();
    NetworkClassificationModel model = new NetworkClassifier().setValidationFraction(0).setHiddenLayers(10).setMaxIter(1).setInputScale(255)
        .setOutput("softmax").setCost("log-likelihood").fit(Frames.of(spark(), d.train(), 2));
    List<Row> rows = model.transform(Frames.of(spark(), d.test(), 2)).select("rawPrediction", "probability", "prediction").collectAsList();
    Network2 reference = new Network2(model.spec(), model.weights());
    for (int i = 0; i < rows.size(); i++) {
      double[] x = new double[784];
      for (int p = 0; p < 784; p++) x[p] = (d.test().pixels()[i * 784 + p] & 0xff) * Shift.SCALE;
      double[] out = reference.output(x);
      assertArrayEquals(out, ((Vector) rows.get(i).get(0)).toArray(), "raw prediction of test image " + i);
      assertArrayEquals(out, ((Vector) rows.get(i).get(1)).toArray(), "softmax outputs are the probabilities");
      int best = 0;
      for (int j = 1; j < out.length; j++) if (out[j] > out[best]) best = j;
      assertEquals(best, rows.get(i).getDouble(2), "prediction of test image " + i);
    }
  }

  @Test void withoutAValidationColumnTheSummaryScoresTheFirstTrainingRowsOnly() {
    TrainTest d = digits();
    int scored = 170;  // blocks of 150 rows: all of the first block and 20 rows of the second
    NetworkClassificationModel model = Fit.run(new NetworkClassifier().setValidationFraction(0).setHiddenLayers(10).setMaxIter(1).setInputScale(255),
        Frames.of(spark(), d.train(), 3), scored);
    Network2 reference = new Network2(model.spec(), model.weights());  // the last epoch's weights, the ones it scored
    int correct = 0;
    for (int i = 0; i < scored; i++) {
      double[] x = new double[784];
      for (int p = 0; p < 784; p++) x[p] = (d.train().pixels()[i * 784 + p] & 0xff) * Shift.SCALE;
      double[] out = reference.output(x);
      int best = 0;
      for (int j = 1; j < out.length; j++) if (out[j] > out[best]) best = j;
      if (best == d.train().labels()[i]) correct++;
    }
    assertEquals((double) correct / scored, model.summary().metrics().first().<Double>getAs("test_accuracy"));
  }

  @Test void sigmoidOutputsAreScaledToSumOne() {
    var model = NetworkClassificationModel.fromNetwork2Json("{\"sizes\":[1,2],\"weights\":[[[0.0],[0.0]]],"
        + "\"biases\":[[[0.0],[1.0986122886681098]]],\"cost\":\"CrossEntropyCost\"}");
    Vector p = model.raw2probability(model.predictRaw(org.apache.spark.ml.linalg.Vectors.dense(3)));
    assertArrayEquals(new double[] {0.5 / (0.5 + 0.75), 0.75 / (0.5 + 0.75)}, p.toArray(), 1e-15);  // sigmoid(ln 3) = 0.75
  }

  @Test void saveAndLoadKeepParamsAndWeightsAsBits(@TempDir Path dir) throws Exception {
    NetworkClassifier clf = new NetworkClassifier().setValidationFraction(0).setStepSize(0.1 + 0.2).setRegParam(1e-300).setHiddenLayers(7, 5)
        .setSyncEvery("4").setMaxIter(1).setInputScale(255);
    clf.write().overwrite().save(dir.resolve("clf").toString());
    NetworkClassifier back = NetworkClassifier.load(dir.resolve("clf").toString());
    assertEquals(clf.uid(), back.uid());
    assertEquals(Double.doubleToLongBits(0.1 + 0.2), Double.doubleToLongBits(back.getStepSize()));
    assertEquals(Double.doubleToLongBits(1e-300), Double.doubleToLongBits(back.getRegParam()));
    assertArrayEquals(new int[] {7, 5}, back.getHiddenLayers());
    assertEquals("4", back.getSyncEvery());
    NetworkClassificationModel model = clf.fit(Frames.of(spark(), digits().train(), 2));
    model.write().overwrite().save(dir.resolve("model").toString());
    NetworkClassificationModel loaded = NetworkClassificationModel.load(dir.resolve("model").toString());
    assertArrayEquals(model.weights(), loaded.weights());
    assertEquals(model.spec(), loaded.spec());
    assertEquals(255.0, loaded.getInputScale());
    assertEquals(model.uid(), loaded.uid());
    assertFalse(loaded.hasSummary());
    assertTrue(Files.isDirectory(dir.resolve("model/data")));
    NetworkClassificationModel json = NetworkClassificationModel.fromNetwork2Json(model.toNetwork2Json());
    assertArrayEquals(model.weights(), json.weights(), "network2.py's JSON keeps every bit");
  }

  @Test void copyTakesExtraParamsAndLeavesTheOriginal() {
    NetworkClassifier clf = new NetworkClassifier().setValidationFraction(0).setMaxIter(7);
    NetworkClassifier copy = clf.copy(new ParamMap().put(clf.stepSize().w(0.25)));
    assertNotSame(clf, copy);
    assertEquals(clf.uid(), copy.uid());
    assertEquals(7, copy.getMaxIter());
    assertEquals(0.25, copy.getStepSize());
    assertEquals(0.5, clf.getStepSize());
  }

  @Test void badParamsAndDataAreIllegalArgumentsNamingThem() {
    NetworkClassifier clf = new NetworkClassifier().setValidationFraction(0);
    assertTrue(assertThrows(IllegalArgumentException.class, () -> clf.setStepSize(-1)).getMessage().contains("stepSize"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> clf.setSyncEvery("often")).getMessage().contains("syncEvery"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> clf.setActivation("gelu")).getMessage().contains("activation"));
    Dataset<Row> frame = Frames.of(spark(), digits().train().limit(20), 1);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new NetworkClassifier().setValidationFraction(0).setLabelCol("digit").fit(frame));
    assertTrue(e.getMessage().contains("digit"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> new NetworkClassifier().setValidationFraction(0).setEarlyStop(3).fit(frame));
    assertEquals("earlyStop watches validation accuracy: mark the validation rows with validationIndicatorCol, or hold some"
        + " out with validationFraction", e.getMessage());
  }

  /** Six rows over two partitions, row 4 bad, rows 0 and 2 marked for validation in column 'held'. */
  private static Dataset<Row> sixRows(Object label, Vector features) {
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      rows.add(i == 4 ? RowFactory.create(label, features, false)
          : RowFactory.create((double) (i % 2), Vectors.dense(1, 2, 3), i == 0 || i == 2));
    }
    StructType schema = Frames.schema().add("held", DataTypes.BooleanType);
    return spark().createDataFrame(JavaSparkContext.fromSparkContext(spark().sparkContext()).parallelize(rows, 2), schema);
  }

  private static String refusal(NetworkClassifier clf, Dataset<Row> frame) {
    String m = assertThrows(IllegalArgumentException.class, () -> clf.fit(frame)).getMessage();
    assertEquals(1, m.lines().count(), m);
    return m;
  }

  @Test void badDataIsAnIllegalArgumentNamingTheColumnAndTheFirstBadRow() {
    NetworkClassifier clf = new NetworkClassifier().setValidationFraction(0).setHiddenLayers(2).setMaxIter(1);
    String features = "the training data's column 'features', row 4 (counting from 0): ";
    assertEquals(features + "value 1 is NaN: every feature must be a finite number",
        refusal(clf, sixRows(1.0, Vectors.dense(1, Double.NaN, 3))));
    assertEquals(features + "value 2 is -Infinity: every feature must be a finite number",
        refusal(clf, sixRows(1.0, Vectors.dense(1, 2, Double.NEGATIVE_INFINITY))));
    assertEquals(features + "a vector of 2 values where row 0 has 3: every row needs the same number of features",
        refusal(clf, sixRows(1.0, Vectors.dense(1, 2))));
    String label = "the training data's column 'label', row 4 (counting from 0): label ";
    String classIndex = " is not a whole number in [0, 256) (labels are class indices; StringIndexer makes them)";
    assertEquals(label + "2.5" + classIndex, refusal(clf, sixRows(2.5, Vectors.dense(1, 2, 3))));
    assertEquals(label + "-1.0" + classIndex, refusal(clf, sixRows(-1.0, Vectors.dense(1, 2, 3))));
    // rows 0 and 2 held out for validation: row 4 is still called row 4, where the user finds it in the frame
    assertEquals(features + "value 1 is NaN: every feature must be a finite number",
        refusal(clf.copy(ParamMap.empty()).setValidationIndicatorCol("held"), sixRows(1.0, Vectors.dense(1, Double.NaN, 3))));
    Dataset<Row> good = sixRows(1.0, Vectors.dense(1, 2, 3));
    assertEquals("the training data has no column 'pixels' (its columns: label, features, held): name the right one with"
        + " featuresCol", refusal(clf.copy(ParamMap.empty()).setFeaturesCol("pixels"), good));
    assertEquals("the training data's column 'label' holds double, not vectors: assemble the features with VectorAssembler,"
        + " or name the vector column with featuresCol", refusal(clf.copy(ParamMap.empty()).setFeaturesCol("label"), good));
  }
}
