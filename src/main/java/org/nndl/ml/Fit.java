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
import org.nndl.cache.CachedSet;
import org.nndl.compat.Scala;
import org.nndl.error.UserError;
import org.nndl.data.DataError;
import org.nndl.data.DistributedSet;
import org.nndl.data.FrameReader;
import org.nndl.metrics.EpochMetrics;
import org.nndl.metrics.MetricsError;
import org.nndl.metrics.SharedWarehouse;
import org.nndl.metrics.Warehouse;
import org.nndl.run.NamedSettings;
import org.nndl.run.StopSignal;
import org.nndl.run.TrainRun;
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
      } finally {
        if (persist) frame.unpersist();
      }
    });
  }

  private static NetworkClassificationModel fit(NetworkClassifier clf, Dataset<Row> frame, int scoredRows, Instrumentation instr) {
    JavaSparkContext sc = JavaSparkContext.fromSparkContext(frame.sparkSession().sparkContext());
    checkParams(clf);
    String v = clf.getValidationIndicatorCol();
    Dataset<Row> trainRows = v == null ? frame : frame.filter(functions.not(indicator(frame, v)));
    FrameReader.Columns cols = columns(clf);
    int requested = NamedSettings.partitions(clf.getPartitions());
    int known = knownClasses(frame, clf.getLabelCol());
    if (v != null) FrameReader.check(frame, cols, known, "training");  // a bad row named by its place in the frame, not in its part
    double scale = 1.0 / clf.getInputScale();
    // First over the plan's evaluation partitions (every core, or N): the set's size and width decide the plan.
    int eval = requested > 0 ? requested : sc.defaultParallelism();
    DistributedSet set = FrameReader.load(trainRows, cols, scale, known, eval, CachedSet::blockSize, "training");
    if (set.size() == 0) throw new DataError("the training data has no rows" + (v == null ? "" : " not marked by " + v));
    CachedSet scored = CachedSet.of(set);
    CachedSet train = null, validation = null;
    try {
      int classes = known > 0 ? known : set.maxLabel().value() + 1;
      instr.logNumFeatures(set.inputSize());
      instr.logNumClasses(classes);
      instr.logNumExamples(set.size());
      TrainSettings s = settings(clf, set.inputSize(), classes, v == null ? 0 : 1);
      Plan plan = TrainingSets.plan(sc, s, set.size());  // as ./submit train plans a run
      train = plan.trainPartitions() == scored.partitions() ? scored
          : TrainingSets.read(trainRows, cols, scale, s.spec(), plan.trainPartitions(), "training");
      if (v != null) {
        validation = TrainingSets.read(frame.filter(indicator(frame, v)), cols, scale, s.spec(), plan.evalPartitions(), "validation");
        s = settings(clf, set.inputSize(), classes, validation.size());
      }
      List<EpochMetrics> epochs = new ArrayList<>();
      // the test columns: the first training rows, over the evaluation partitions (the objective's rows)
      TrainingSets sets = new TrainingSets(train, scored.head(scoredRows), validation, plan);
      Trainer.Result r;
      String runId = null;
      if (clf.getWarehouse() == null) {
        double[] start = s.init().init(s.spec().layout(), s.seed());
        r = new Trainer(sc, s).run(sets, TrainState.start(start, s.eta()), () -> false, (m, state) -> epochs.add(m));
      } else {
        Warehouse wh = warehouse(clf.getWarehouse(), sc);
        try {
          runId = clf.getRunId() == null ? wh.claimNewRun() : wh.claimFirstFree(clf.getRunId());
        } catch (MetricsError e) {  // a malformed runId, a warehouse that cannot be written
          throw new UserError(ParamRefusals.inParamWords(e.getMessage()), e);
        }
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
    } finally {
      scored.close();
      if (train != null && train != scored) train.close();
      if (validation != null) validation.close();
    }
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
   * local and the master may use other machines; refusals in the params' words.
   */
  private static Warehouse warehouse(String location, JavaSparkContext sc) {
    try {
      Warehouse wh = new Warehouse(location, sc.hadoopConfiguration());
      SharedWarehouse.check(wh, sc.master());
      return wh;
    } catch (MetricsError e) {
      throw new UserError(ParamRefusals.inParamWords(e.getMessage()), e);
    }
  }

  /**
   * Refuses params that cannot go together, naming them, before any data is read: {@link
   * NetworkClassifier#transformSchema} calls it, so a Pipeline's fit stops here too.
   */
  static void checkParams(NetworkClassifier clf) {
    if (clf.getRunId() != null && clf.getWarehouse() == null) {
      throw new UserError("runId names a run in a warehouse: set warehouse too");
    }
    boolean validation = clf.getValidationIndicatorCol() != null;
    if (!validation && (clf.getEarlyStop() > 0 || clf.getEtaSchedule().equals("halve"))) {
      throw new UserError((clf.getEarlyStop() > 0 ? "earlyStop" : "etaSchedule halve")
          + " watches validation accuracy: mark the validation rows with validationIndicatorCol");
    }
    settings(clf, 1, 2, validation ? 1 : 0);  // the trainer's own checks, on stand-in layer sizes
  }

  /** The label and the features vector, named by their params in messages. */
  static FrameReader.Columns columns(NetworkClassifier clf) {
    return FrameReader.Columns.vector(clf.getLabelCol(), clf.getFeaturesCol(), "labelCol", "featuresCol");
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
