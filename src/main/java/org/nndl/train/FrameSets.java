package org.nndl.train;

import java.util.Arrays;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructField;
import org.nndl.data.DataError;
import org.nndl.data.FrameReader;
import org.nndl.data.FrameSource;
import org.nndl.net.NetworkSpec;

/**
 * The training and test sets of a run whose --data is {@code libsvm:}, {@code csv:} or
 * {@code parquet:} (read with Spark's readers, on the executors): the test set from --test-data,
 * or a seeded --test-fraction of the --data rows; both read into cached sets by {@link FrameRead},
 * as the estimator's fit reads its DataFrame.
 *
 * @param testData the test set's spec, or null to hold out testFraction of the data
 * @param labelCol the label column, or null: "label", or the first column of a CSV file without one
 * @param featuresCol the vector column, or null: "features" when it is one, else every other numeric column in order
 * @param inputScale every feature is multiplied by 1/inputScale
 */
public record FrameSets(String testData, String labelCol, String featuresCol, double inputScale, double testFraction) {
  public static final double DEFAULT_TEST_FRACTION = 1.0 / 7;  // MNIST's 10,000 of 70,000

  public static FrameSets defaults() { return new FrameSets(null, null, null, 1, DEFAULT_TEST_FRACTION); }

  /** Refuses settings that cannot work, before Spark starts. */
  public FrameSets validate(String data) {
    boolean frame = FrameSource.isFrame(data);
    if (testData != null && !frame) throw new DataError("--test-data needs --data libsvm:PATH, csv:PATH or parquet:PATH");
    if (testData != null && !FrameSource.isFrame(testData)) {
      throw new DataError("--test-data " + testData + ": use libsvm:PATH, csv:PATH or parquet:PATH");
    }
    if (!(inputScale > 0) || !Double.isFinite(inputScale)) throw new DataError("--input-scale " + inputScale + ": use a positive number, e.g. 255 for raw pixels");
    if (!(testFraction > 0 && testFraction < 1)) throw new DataError("--test-fraction " + testFraction + ": use a fraction in (0, 1), e.g. 0.142857 (1/7)");
    if (!frame && (labelCol != null || featuresCol != null || inputScale != 1)) {
      throw new DataError("--label-col, --features-col and --input-scale apply to libsvm:, csv: and parquet: data (IDX pixels are divided by 255)");
    }
    return this;
  }

  /** The sets, cached and checked against the network, laid out by the run's plan (as IDX sets: {@link TrainingSets#plan}). */
  public TrainingSets open(SparkSession spark, TrainSettings s) {
    if (s.techniques().validation() > 0) {
      throw new DataError("--validation N holds out the last N images of IDX files; with " + s.data()
          + " leave it out (or pass the held-out rows as --test-data)");
    }
    FrameSource source = FrameSource.parse(s.data());
    NetworkSpec spec = s.spec();
    int in = spec.layout().inputSize();
    Dataset<Row> all = source.read(spark, in);
    Dataset<Row> train = all, test;
    FrameReader.Columns testCols = columns(all, source);
    if (testData != null) {
      FrameSource testSource = FrameSource.parse(testData);
      test = testSource.read(spark, in);
      testCols = columns(test, testSource);  // a CSV test file may lack the training file's header
    } else {
      // rows named as in the file: checked before the split numbers them within each part
      FrameReader.check(all, columns(all, source), spec.layout().outputSize(), "training");
      Dataset<Row>[] split = all.randomSplit(new double[] {1 - testFraction, testFraction}, s.seed());
      train = split[0];
      test = split[1];
    }
    if (s.trainLimit() > 0) train = train.limit(s.trainLimit());
    if (s.testLimit() > 0) test = test.limit(s.testLimit());
    FrameRead.Parts parts = new FrameRead.Parts(train, columns(all, source), test, testCols, 1.0 / inputScale, "test",
        "check --data and --train-limit", testData != null ? "check --test-data and --test-limit" : "check --test-fraction");
    FrameRead.Sets sets = FrameRead.read(JavaSparkContext.fromSparkContext(spark.sparkContext()), parts,
        spec.layout().outputSize(), s.partitions(), (features, classes) -> s);
    if (sets.first() != sets.train()) sets.first().close();  // the plan wanted the training rows on other partitions
    return new TrainingSets(sets.train(), sets.heldOut(), null, sets.plan());
  }

  private FrameReader.Columns columns(Dataset<Row> frame, FrameSource source) {
    String[] names = frame.columns();
    String label = labelCol != null ? labelCol
        : source.format().equals("csv") && !Arrays.asList(names).contains("label") && names.length > 0 ? names[0] : "label";
    if (featuresCol != null) return FrameReader.Columns.vector(label, featuresCol, "--label-col", "--features-col");
    for (StructField f : frame.schema().fields()) {
      if (f.name().equals("features") && f.dataType().equals(SQLDataTypes.VectorType())) {
        return FrameReader.Columns.vector(label, "features", "--label-col", "--features-col");
      }
    }
    return FrameReader.Columns.allNumeric(frame.schema(), label, "--label-col");
  }
}
