package org.nndl.ml;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.util.Instrumentation;
import org.apache.spark.ml.util.MetadataUtils;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.storage.StorageLevel;
import org.nndl.compat.Scala;
import org.nndl.error.UserError;
import org.nndl.data.DataError;
import org.nndl.data.FrameReader;
import org.nndl.metrics.EpochMetrics;
import org.nndl.metrics.SharedWarehouse;
import org.nndl.metrics.Warehouse;
import org.nndl.run.NamedSettings;
import org.nndl.run.StopSignal;
import org.nndl.run.TrainRun;
import org.nndl.train.FrameRead;
import org.nndl.train.Plan;
import org.nndl.train.TrainSettings;
import org.nndl.train.TrainState;
import org.nndl.train.Trainer;
import org.nndl.train.TrainingSets;

/**
 * {@link NetworkClassifier#fit}: the DataFrame's rows cached as the trainer's blocks
 * ({@link FrameReader}), the params as {@link TrainSettings}, and the same {@link Trainer} run
 * as {@code ./submit train}. The trainer scores a set every epoch (the summary's test columns):
 * with a validation column, the validation rows; without one, the first {@link #SCORED_ROWS}
 * training rows (a bound, so that a summary of 60,000 rows costs an epoch no more than
 * {@code ./submit train}'s 10,000 test images do).
 */
final class Fit {
  /** The training rows scored each epoch when no validation column is given: MNIST's test set size. */
  static final int SCORED_ROWS = 10_000;

  private Fit() {}

  static NetworkClassificationModel run(NetworkClassifier clf, Dataset<?> data) { return run(clf, data, SCORED_ROWS); }

  /**
   * fit, scoring at most scoredRows of the training rows per epoch. As Spark's estimators: logged
   * by {@link Instrumentation} (the stage, the frame, the params set, numFeatures, numClasses,
   * numExamples), and the frame persisted for the fit when the caller has not (every pass over it
   * then reads it once, whatever stages came before), unpersisted at the end.
   */
  @SuppressWarnings({"unchecked", "rawtypes"})
  static NetworkClassificationModel run(NetworkClassifier clf, Dataset<?> data, int scoredRows) {
    return Instrumentation.instrumented(instr -> {
      instr.logPipelineStage(clf);
      instr.logDataset(data);
      instr.logParams(clf, (scala.collection.immutable.Seq) Scala.seq(Arrays.asList(clf.params())));
      Dataset<Row> frame = data.toDF();
      boolean persist = frame.storageLevel().equals(StorageLevel.NONE());
      if (persist) frame.persist(StorageLevel.MEMORY_AND_DISK());
      try {
        return fit(clf, frame, scoredRows, instr);
      } catch (UserError e) {  // raised by code the command line shares (the warehouse, the trainer): said with params
        throw ParamRefusals.inParamWords(e);
      } finally {
        if (persist) frame.unpersist();
      }
    });
  }

  private static NetworkClassificationModel fit(NetworkClassifier clf, Dataset<Row> frame, int scoredRows, Instrumentation instr) {
    JavaSparkContext sc = JavaSparkContext.fromSparkContext(frame.sparkSession().sparkContext());
    checkParams(clf);
    FrameReader.Columns cols = columns(clf);
    int requested = NamedSettings.partitions(clf.getPartitions());
    int known = knownClasses(frame, clf.getLabelCol());
    FrameRead.Parts parts = parts(clf, frame, cols);
    if (parts.heldOut() != null) {
      FrameReader.check(frame, cols, known, "training");  // a bad row named by its place in the frame, not in its part
      if (known == 0) known = largestLabel(frame, cols.label()) + 1;  // the validation rows' classes too
    }
    Dataset<Row> trainRows = parts.train();
    try (FrameRead.Sets read = FrameRead.read(sc, parts, known, requested,
        (features, classes) -> settings(clf, features, classes, parts.heldOut() == null ? 0 : 1))) {
      TrainSettings s = read.settings();
      int features = s.sizes()[0], classes = s.sizes()[s.sizes().length - 1];
      instr.logNumFeatures(features);
      instr.logNumClasses(classes);
      instr.logNumExamples(read.first().size());
      if (parts.heldOut() != null) s = settings(clf, features, classes, read.heldOut() == null ? 0 : read.heldOut().size());
      Plan plan = read.plan();
      List<EpochMetrics> epochs = new ArrayList<>();
      // the test columns: the first training rows, over the evaluation partitions (the objective's rows)
      TrainingSets sets = new TrainingSets(read.train(), read.first().head(scoredRows), read.heldOut(), plan);
      Trainer.Result r;
      String runId = null;
      if (clf.getWarehouse() == null) {
        double[] start = s.init().init(s.spec().layout(), s.seed());
        r = new Trainer(sc, s).run(sets, TrainState.start(start, s.eta()), () -> false, (m, state) -> epochs.add(m));
      } else {
        Warehouse wh = warehouse(clf.getWarehouse(), sc);
        runId = clf.getRunId() == null ? wh.claimNewRun() : wh.claimFirstFree(clf.getRunId());
        r = inWarehouse(wh, runId, frame.sparkSession(), sc, s, sets, epochs);
      }
      if (r.status() == Trainer.Status.DIVERGED) {
        throw new IllegalStateException("training diverged after epoch " + r.epochsDone()
            + " (the cost or the weights stopped being finite): lower stepSize, or use inputScale to bring the features near [0, 1]");
      }
      double[] full = s.dropout().inference(s.spec().layout(), r.params());
      NetworkClassificationModel model = new NetworkClassificationModel(clf.uid(), s.spec(), full, null);
      clf.copyValues(model, ParamMap.empty());
      scala.Tuple3<?, ?, ?> named = model.findSummaryModel();  // prediction columns named even when a user emptied them
      Dataset<Row> predictions = ((NetworkClassificationModel) named._1()).transform(trainRows);
      model.setSummary(new NetworkTrainingSummary(epochs, s.monitor(), plan.text(), runId, predictions, (String) named._3(),
          clf.getLabelCol()));
      return model;
    }
  }

  /**
   * The training and validation rows: with validationIndicatorCol, the rows it marks false and
   * true; without, Dataset.randomSplit([1 - f, f], seed) of validationFraction f (no validation
   * rows when f is 0, or when the split draws none from a small frame).
   */
  static FrameRead.Parts parts(NetworkClassifier clf, Dataset<Row> frame, FrameReader.Columns cols) {
    String v = clf.getValidationIndicatorCol();
    double f = clf.getValidationFraction();
    double scale = 1.0 / clf.getInputScale();
    if (v != null) {
      return new FrameRead.Parts(frame.filter(functions.not(indicator(frame, v))), cols, frame.filter(indicator(frame, v)), cols,
          scale, "validation", "every row is marked true in validationIndicatorCol '" + v + "'",
          "no row is marked true in validationIndicatorCol '" + v + "': mark the validation rows, or leave validationIndicatorCol unset");
    }
    if (f == 0) return new FrameRead.Parts(frame, cols, null, null, scale, "validation", "the DataFrame has no rows", null);
    Dataset<Row>[] split = frame.randomSplit(new double[] {1 - f, f}, clf.getSeed());
    return new FrameRead.Parts(split[0], cols, split[1], cols, scale, "validation",
        "validationFraction " + f + " drew every row of the DataFrame: give more rows, or a smaller validationFraction", null);
  }

  /** The run in the warehouse's tables, as ./submit train writes it (TrainRun): runs row, metrics rows, model.json, pictures. */
  private static Trainer.Result inWarehouse(Warehouse wh, String id, SparkSession spark, JavaSparkContext sc,
      TrainSettings s, TrainingSets sets, List<EpochMetrics> epochs) {
    TrainRun run = new TrainRun(wh, id, s, Map.of(), null, 0);
    boolean done = false;
    try {
      Trainer.Result r = run.start(spark, sc, sets, StopSignal.none(), epochs::add).result();
      done = true;
      return r;
    } finally {
      if (!done && !run.anyEpoch()) wh.forget(id);  // as the CLI: a run that failed before its first epoch leaves nothing
    }
  }

  /**
   * The warehouse param opened as --warehouse opens its value: a local path or any Hadoop URI, with
   * the session's Hadoop configuration (HADOOP_CONF_DIR's and spark.hadoop.*), refused when it is
   * local and the master may use other machines; its refusals said with params by {@link #run}.
   */
  private static Warehouse warehouse(String location, JavaSparkContext sc) {
    Warehouse wh = new Warehouse(location, sc.hadoopConfiguration());
    SharedWarehouse.check(wh, sc.master());
    return wh;
  }

  /**
   * Refuses params that cannot go together, naming them, before any data is read: {@link
   * NetworkClassifier#transformSchema} calls it, so a Pipeline's fit stops here too.
   */
  static void checkParams(NetworkClassifier clf) {
    if (clf.getRunId() != null && clf.getWarehouse() == null) {
      throw new UserError("runId names a run in a warehouse: set warehouse too");
    }
    boolean validation = clf.getValidationIndicatorCol() != null || clf.getValidationFraction() > 0;
    boolean stops = clf.isSet(clf.earlyStop()) && clf.getEarlyStop() > 0;
    if (!validation && (stops || clf.isSet(clf.etaSchedule()) && clf.getEtaSchedule().equals("halve"))) {
      throw new UserError((stops ? "earlyStop" : "etaSchedule halve") + " watches validation accuracy: mark the validation"
          + " rows with validationIndicatorCol, or hold some out with validationFraction");
    }
    settings(clf, 1, 2, validation ? 1 : 0);  // the trainer's own checks, on stand-in layer sizes
  }

  /** The label and the features vector, named by their params in messages. */
  static FrameReader.Columns columns(NetworkClassifier clf) {
    return FrameReader.Columns.vector(clf.getLabelCol(), clf.getFeaturesCol(), "labelCol", "featuresCol");
  }

  /** The largest label of the frame's rows (checked to be class indices), -1 when it has none. */
  private static int largestLabel(Dataset<Row> frame, String label) {
    Object max = frame.agg(functions.max(functions.col(label))).first().get(0);
    return max == null ? -1 : ((Number) max).intValue();
  }

  /** The classes a label column's metadata declares (StringIndexer writes them), 0 when it declares none. */
  private static int knownClasses(Dataset<Row> frame, String label) {
    if (!Arrays.asList(frame.columns()).contains(label)) return 0;  // FrameReader names the missing column
    scala.Option<Object> k = MetadataUtils.getNumClasses(frame.schema().apply(label));
    return k.isDefined() ? (Integer) k.get() : 0;
  }

  private static Column indicator(Dataset<Row> frame, String column) {
    if (!Arrays.asList(frame.columns()).contains(column)) {
      throw new DataError("the data has no column '" + column + "' (its columns: " + String.join(", ", frame.columns())
          + "): name the validation column with validationIndicatorCol");
    }
    if (!frame.schema().apply(column).dataType().equals(DataTypes.BooleanType)) {
      throw new DataError("validationIndicatorCol '" + column + "' holds " + frame.schema().apply(column).dataType().simpleString()
          + ", not booleans: mark the validation rows true");
    }
    return functions.coalesce(functions.col(column), functions.lit(false));
  }

  /**
   * The classifier's params as the trainer's settings, for inputs features wide, classes outputs and
   * validation rows: each param under its option's name ({@link NetworkParamSet#OPTIONS}), mapped by
   * the command line's own mapping ({@link NamedSettings}). The trainer's refusals name command-line
   * flags; they are said again in the params' words ({@link ParamRefusals}). Any long seed is taken:
   * the trainer reads it as numpy's unsigned 64-bit seed (a negative s is default_rng(s + 2^64), see
   * {@code NumpyRandom.defaultRng}), while validate() keeps the command line's rule that --seed is 0
   * or more, so it checks the rest with a stand-in seed.
   */
  static TrainSettings settings(NetworkParams c, int features, int classes, int validation) {
    Map<String, String> v = new HashMap<>();
    NetworkParamSet.OPTIONS.forEach((param, option) -> {
      if (c.isDefined(c.getParam(param))) v.put(option, String.valueOf(c.getOrDefault(c.getParam(param))));
    });
    int[] hidden = c.getHiddenLayers();
    int[] sizes = new int[hidden.length + 2];
    sizes[0] = features;
    System.arraycopy(hidden, 0, sizes, 1, hidden.length);
    sizes[sizes.length - 1] = classes;
    v.put("--sizes", String.join(",", Arrays.stream(sizes).mapToObj(String::valueOf).toList()));
    v.put("--validation", String.valueOf(validation));
    v.put("--data", "DataFrame");
    v.remove("--input-scale");  // the features' scale, not a setting of the trainer
    if (validation == 0) {  // nothing to watch: the defaults' early stop and schedule are off (checkParams refuses set ones)
      v.put("--early-stop", "0");
      v.put("--eta-schedule", "none");
    }
    TrainSettings s;
    try {
      s = NamedSettings.settings(v);
      s.toBuilder().seed(0).build().validate();
    } catch (UserError e) {
      throw ParamRefusals.reword(c, e);
    }
    return s;
  }
}
