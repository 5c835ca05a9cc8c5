package org.nndl.bench;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.ml.classification.MultilayerPerceptronClassifier;
import org.apache.spark.ml.evaluation.MulticlassClassificationEvaluator;
import org.apache.spark.ml.feature.ElementwiseProduct;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.ml.Model;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.nndl.data.Dataset;
import org.nndl.data.Sessions;
import org.nndl.data.TrainTest;
import org.nndl.ml.NetworkClassifier;

/**
 * Spark's own {@link MultilayerPerceptronClassifier} (l-bfgs with its defaults: maxIter 100,
 * blockSize 128, tol 1e-6) against a {@link NetworkClassifier} on the same rows, one network shape
 * at a time: each fit's wall time and its model's accuracy on the test rows, then the ratio of the
 * fit times and the difference of the accuracies (the target: less time, higher accuracy). Both
 * read the same cached DataFrame of raw 0-255 pixels: the MLP through an ElementwiseProduct by
 * 1/255, NetworkClassifier with inputScale 255.
 */
public final class MlpComparison {
  private final org.apache.spark.sql.Dataset<Row> train;
  private final org.apache.spark.sql.Dataset<Row> test;
  private final String label;

  /** The comparison on data, its lines named with label ("" for none). */
  public MlpComparison(SparkSession spark, TrainTest data, String label) {
    JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    this.train = frame(sc, data.train()).cache();
    this.test = frame(sc, data.test()).cache();
    train.count();  // built once, before any clock starts
    test.count();
    this.label = label.isEmpty() ? "" : label + ": ";
  }

  /** NetworkClassifier at the book's settings for epochs (bench --mlp). */
  public static NetworkClassifier book(int epochs) {
    return new NetworkClassifier().setMaxIter(epochs).setBatchSize(10).setStepSize(0.5).setRegParam(5.0)
        .setValidationFraction(0).setEtaSchedule("none").setEarlyStop(0);
  }

  /**
   * The lines of the network [inputs, hidden, 10]: the MLP, then ours (named oursName) with its
   * hidden layer set to hidden and inputScale 255, every other param as given.
   */
  public List<Measure> run(int hidden, String oursName, NetworkClassifier ours) {
    int in = data(train);
    String shape = label + "[" + in + "," + hidden + ",10]";
    List<Measure> out = new ArrayList<>();
    ElementwiseProduct scaled = new ElementwiseProduct().setInputCol("features").setOutputCol("scaled")
        .setScalingVec(Vectors.dense(filled(in, 1.0 / 255)));
    MultilayerPerceptronClassifier mlp = new MultilayerPerceptronClassifier().setLayers(new int[] {in, hidden, 10})
        .setFeaturesCol("scaled").setSeed(1);
    long t0 = System.nanoTime();
    Model<?> m = mlp.fit(scaled.transform(train));
    double mlpSeconds = (System.nanoTime() - t0) / 1e9;
    double mlpAccuracy = accuracy(m.transform(scaled.transform(test)));
    System.err.println("mlp " + shape + ": " + mlpSeconds + " s, test accuracy " + mlpAccuracy);
    NetworkClassifier fitted = ours.copy(ParamMap.empty()).setHiddenLayers(hidden).setInputScale(255);
    t0 = System.nanoTime();
    Model<?> n = fitted.fit(train);
    double oursSeconds = (System.nanoTime() - t0) / 1e9;
    double oursAccuracy = accuracy(n.transform(test));
    System.err.println("NetworkClassifier " + shape + ": " + oursSeconds + " s, test accuracy " + oursAccuracy);
    out.add(Measure.of("MultilayerPerceptronClassifier " + shape + " l-bfgs maxIter 100: fit", mlpSeconds, "s"));
    out.add(Measure.of("MultilayerPerceptronClassifier " + shape + ": test accuracy", mlpAccuracy, "fraction"));
    out.add(Measure.of("NetworkClassifier " + shape + " " + oursName + ": fit", oursSeconds, "s"));
    out.add(Measure.of("NetworkClassifier " + shape + ": test accuracy", oursAccuracy, "fraction"));
    out.add(Measure.atMost("fit time, NetworkClassifier / MLP " + shape, oursSeconds / mlpSeconds, "ratio", 1));
    out.add(Measure.atLeast("test accuracy, NetworkClassifier - MLP " + shape, oursAccuracy - mlpAccuracy, "fraction", 0));
    return out;
  }

  /** The machine's 1-minute load average as a line (NaN where the JVM cannot tell), when: "before" or "after". */
  public static Measure load(String when) {
    double avg = java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    return Measure.of("load average (1 minute), " + when, avg < 0 ? Double.NaN : avg, "processes");
  }

  private static double accuracy(org.apache.spark.sql.Dataset<Row> predictions) {
    return new MulticlassClassificationEvaluator().setMetricName("accuracy").evaluate(predictions);
  }

  private static int data(org.apache.spark.sql.Dataset<Row> frame) {
    return ((org.apache.spark.ml.linalg.Vector) frame.first().get(1)).size();
  }

  private static double[] filled(int n, double v) {
    double[] x = new double[n];
    java.util.Arrays.fill(x, v);
    return x;
  }

  /** The set as (label, features of raw 0-255 pixel values), built on the executors from one broadcast of its bytes. */
  private static org.apache.spark.sql.Dataset<Row> frame(JavaSparkContext sc, Dataset d) {
    Broadcast<byte[][]> set = sc.broadcast(new byte[][] {d.pixels(), d.labels()});
    int in = d.inputSize();
    List<Integer> index = new ArrayList<>(d.size());
    for (int i = 0; i < d.size(); i++) index.add(i);
    StructType schema = new StructType().add("label", DataTypes.DoubleType).add("features", SQLDataTypes.VectorType());
    return Sessions.over(sc.sc()).createDataFrame(
        sc.parallelize(index, sc.defaultParallelism()).map(i -> row(set.value(), in, i)), schema);
  }

  private static Row row(byte[][] set, int in, int i) {
    double[] x = new double[in];
    for (int p = 0; p < in; p++) x[p] = set[0][i * in + p] & 0xff;
    return RowFactory.create((double) set[1][i], Vectors.dense(x));
  }
}
