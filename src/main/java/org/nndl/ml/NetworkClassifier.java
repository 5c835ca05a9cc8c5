package org.nndl.ml;

import java.util.Arrays;
import org.apache.spark.ml.classification.ProbabilisticClassifier;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.param.BooleanParam;
import org.apache.spark.ml.param.DoubleParam;
import org.apache.spark.ml.param.IntArrayParam;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.LongParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.param.ParamValidators;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.DefaultParamsWritable;
import org.apache.spark.ml.util.Identifiable;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.types.StructType;
import org.nndl.data.FrameReader;

/**
 * Nielsen's chapter-3 network as a Spark ML estimator: {@code fit} runs the same trainer as
 * {@code ./submit train} (the same plans, exactness and metrics) on a DataFrame's {@code features}
 * vectors and {@code label} class indices. The params are the command line's settings under
 * Spark's names where Spark has one (maxIter = epochs, stepSize = eta, regParam = lambda).
 * Each param has a public no-argument accessor: that is how Spark's {@code Params} finds them.
 */
public final class NetworkClassifier
    extends ProbabilisticClassifier<Vector, NetworkClassifier, NetworkClassificationModel>
    implements DefaultParamsWritable {
  private static final long serialVersionUID = 1L;
  private String uid;  // no initializer: set once the Scala superclass is built (see Uids)

  private IntArrayParam hiddenLayers;
  private Param<String> activation;
  private Param<String> output;
  private Param<String> cost;
  private Param<String> init;
  private IntParam maxIter;
  private IntParam batchSize;
  private DoubleParam stepSize;
  private DoubleParam regParam;
  private Param<String> regularization;
  private DoubleParam dropout;
  private DoubleParam momentum;
  private LongParam seed;
  private Param<String> syncEvery;
  private Param<String> partitions;
  private Param<String> validationIndicatorCol;
  private IntParam earlyStop;
  private Param<String> etaSchedule;
  private IntParam patience;
  private BooleanParam monitor;
  private DoubleParam inputScale;
  private Param<String> warehouse;
  private Param<String> runId;

  public NetworkClassifier() { this(Identifiable.randomUID("networkClassifier")); }

  public NetworkClassifier(String uid) { this(Uids.pending(uid), true); }

  private NetworkClassifier(String uid, boolean pending) {
    super();
    this.uid = uid;
    Uids.done();
    hiddenLayers = new IntArrayParam(this, "hiddenLayers", "the hidden layers' sizes; the input layer has one neuron"
        + " per feature, the output layer one per class", (scala.Function1<int[], Object>) a -> Arrays.stream(a).allMatch(s -> s > 0));
    activation = choice("activation", "the hidden neurons: sigmoid | relu | tanh", "sigmoid", "relu", "tanh");
    output = choice("output", "the output layer: sigmoid | softmax | relu | tanh, or empty for the hidden layers' one",
        "", "sigmoid", "softmax", "relu", "tanh");
    cost = choice("cost", "cross-entropy | quadratic | log-likelihood", "cross-entropy", "quadratic", "log-likelihood");
    init = choice("init", "default (weights N(0, 1/sqrt(n_in))) | large (N(0, 1))", "default", "large");
    maxIter = new IntParam(this, "maxIter", "epochs of mini-batch SGD (>= 1)", ParamValidators.gtEq(1));
    batchSize = new IntParam(this, "batchSize", "mini-batch size m (>= 1)", ParamValidators.gtEq(1));
    stepSize = new DoubleParam(this, "stepSize", "learning rate eta (> 0)", ParamValidators.gt(0));
    regParam = new DoubleParam(this, "regParam", "regularization strength lambda (>= 0)", ParamValidators.gtEq(0));
    regularization = choice("regularization", "the weight penalty regParam sets: l2 | l1", "l2", "l1");
    dropout = new DoubleParam(this, "dropout", "probability of dropping a hidden neuron in training, in [0, 1)",
        ParamValidators.inRange(0, 1, true, false));
    momentum = new DoubleParam(this, "momentum", "momentum coefficient mu in [0, 1), 0 = plain SGD",
        ParamValidators.inRange(0, 1, true, false));
    seed = new LongParam(this, "seed", "seed of the initial weights, each epoch's shuffle and dropout's masks");
    syncEvery = new Param<>(this, "syncEvery", "exact (one synchronization per mini-batch) | K local steps | epoch",
        (scala.Function1<String, Object>) NetworkClassifier::validSync);
    partitions = new Param<>(this, "partitions", "auto (the plan ./submit train --partitions auto chooses) | a positive count",
        (scala.Function1<String, Object>) p -> p.equals("auto") || p.matches("[1-9][0-9]{0,8}"));
    validationIndicatorCol = new Param<>(this, "validationIndicatorCol", "boolean column: rows marked true are held out"
        + " for validation, early stopping and the eta schedule");
    earlyStop = new IntParam(this, "earlyStop", "stop after this many epochs without a better validation accuracy, 0 = never",
        ParamValidators.gtEq(0));
    etaSchedule = choice("etaSchedule", "none | halve (halve eta after patience epochs without a better validation accuracy)",
        "none", "halve");
    patience = new IntParam(this, "patience", "epochs without improvement before eta is halved (>= 1)", ParamValidators.gtEq(1));
    monitor = new BooleanParam(this, "monitor", "also score the training set each epoch");
    inputScale = new DoubleParam(this, "inputScale", "every feature is multiplied by 1/inputScale (255 for raw pixels)",
        ParamValidators.gt(0));
    warehouse = new Param<>(this, "warehouse", "a warehouse folder: when set, fit's run lands in its tables as a CLI run does");
    runId = new Param<>(this, "runId", "the run's id in the warehouse (default: a new one, see summary().runId())");
    setDefault(hiddenLayers, new int[] {30});
    setDefault(activation, "sigmoid");
    setDefault(output, "");
    setDefault(cost, "cross-entropy");
    setDefault(init, "default");
    setDefault(maxIter, 30);
    setDefault(batchSize, 10);
    setDefault(stepSize, 0.5);
    setDefault(regParam, 5.0);
    setDefault(regularization, "l2");
    setDefault(dropout, 0.0);
    setDefault(momentum, 0.0);
    setDefault(seed, 1L);
    setDefault(syncEvery, "exact");
    setDefault(partitions, "auto");
    setDefault(earlyStop, 0);
    setDefault(etaSchedule, "none");
    setDefault(patience, 10);
    setDefault(monitor, false);
    setDefault(inputScale, 1.0);
  }

  private Param<String> choice(String name, String doc, String... allowed) {
    return new Param<>(this, name, doc, ParamValidators.inArray(allowed));
  }

  private static boolean validSync(String s) { return s.equals("exact") || s.equals("epoch") || s.matches("[1-9][0-9]{0,8}"); }

  @Override public String uid() { return uid != null ? uid : Uids.current(); }

  @Override public NetworkClassifier copy(ParamMap extra) { return defaultCopy(extra); }

  @Override public NetworkClassificationModel train(Dataset<?> dataset) { return Fit.run(this, dataset); }

  /** fit's columns named as the command line names them (missing, or not numbers / vectors), then Spark's checks. */
  @Override public StructType transformSchema(StructType schema) {
    FrameReader.checkColumns(schema, Fit.columns(this), "training");
    return super.transformSchema(schema);
  }

  public static MLReader<NetworkClassifier> read() { return new DefaultParamsReader<>(); }

  public static NetworkClassifier load(String path) { return read().load(path); }

  // The params, for Spark's reflection and for users.
  public IntArrayParam hiddenLayers() { return hiddenLayers; }
  public Param<String> activation() { return activation; }
  public Param<String> output() { return output; }
  public Param<String> cost() { return cost; }
  public Param<String> init() { return init; }
  public IntParam maxIter() { return maxIter; }
  public IntParam batchSize() { return batchSize; }
  public DoubleParam stepSize() { return stepSize; }
  public DoubleParam regParam() { return regParam; }
  public Param<String> regularization() { return regularization; }
  public DoubleParam dropout() { return dropout; }
  public DoubleParam momentum() { return momentum; }
  public LongParam seed() { return seed; }
  public Param<String> syncEvery() { return syncEvery; }
  public Param<String> partitions() { return partitions; }
  public Param<String> validationIndicatorCol() { return validationIndicatorCol; }
  public IntParam earlyStop() { return earlyStop; }
  public Param<String> etaSchedule() { return etaSchedule; }
  public IntParam patience() { return patience; }
  public BooleanParam monitor() { return monitor; }
  public DoubleParam inputScale() { return inputScale; }
  public Param<String> warehouse() { return warehouse; }
  public Param<String> runId() { return runId; }

  public int[] getHiddenLayers() { return ((int[]) getOrDefault(hiddenLayers)).clone(); }
  public String getActivation() { return getOrDefault(activation); }
  public String getOutput() { return getOrDefault(output); }
  public String getCost() { return getOrDefault(cost); }
  public String getInit() { return getOrDefault(init); }
  public int getMaxIter() { return (Integer) getOrDefault(maxIter); }
  public int getBatchSize() { return (Integer) getOrDefault(batchSize); }
  public double getStepSize() { return (Double) getOrDefault(stepSize); }
  public double getRegParam() { return (Double) getOrDefault(regParam); }
  public String getRegularization() { return getOrDefault(regularization); }
  public double getDropout() { return (Double) getOrDefault(dropout); }
  public double getMomentum() { return (Double) getOrDefault(momentum); }
  public long getSeed() { return (Long) getOrDefault(seed); }
  public String getSyncEvery() { return getOrDefault(syncEvery); }
  public String getPartitions() { return getOrDefault(partitions); }
  /** The validation indicator column, or null when none is set. */
  public String getValidationIndicatorCol() { return isDefined(validationIndicatorCol) ? getOrDefault(validationIndicatorCol) : null; }
  public int getEarlyStop() { return (Integer) getOrDefault(earlyStop); }
  public String getEtaSchedule() { return getOrDefault(etaSchedule); }
  public int getPatience() { return (Integer) getOrDefault(patience); }
  public boolean getMonitor() { return (Boolean) getOrDefault(monitor); }
  public double getInputScale() { return (Double) getOrDefault(inputScale); }
  /** The warehouse folder, or null when fit writes no run. */
  public String getWarehouse() { return isDefined(warehouse) ? getOrDefault(warehouse) : null; }
  /** The run id, or null for a new one. */
  public String getRunId() { return isDefined(runId) ? getOrDefault(runId) : null; }

  public NetworkClassifier setHiddenLayers(int... v) { return with(hiddenLayers, v.clone()); }
  public NetworkClassifier setActivation(String v) { return with(activation, v); }
  public NetworkClassifier setOutput(String v) { return with(output, v); }
  public NetworkClassifier setCost(String v) { return with(cost, v); }
  public NetworkClassifier setInit(String v) { return with(init, v); }
  public NetworkClassifier setMaxIter(int v) { return with(maxIter, v); }
  public NetworkClassifier setBatchSize(int v) { return with(batchSize, v); }
  public NetworkClassifier setStepSize(double v) { return with(stepSize, v); }
  public NetworkClassifier setRegParam(double v) { return with(regParam, v); }
  public NetworkClassifier setRegularization(String v) { return with(regularization, v); }
  public NetworkClassifier setDropout(double v) { return with(dropout, v); }
  public NetworkClassifier setMomentum(double v) { return with(momentum, v); }
  public NetworkClassifier setSeed(long v) { return with(seed, v); }
  public NetworkClassifier setSyncEvery(String v) { return with(syncEvery, v); }
  public NetworkClassifier setPartitions(String v) { return with(partitions, v); }
  public NetworkClassifier setValidationIndicatorCol(String v) { return with(validationIndicatorCol, v); }
  public NetworkClassifier setEarlyStop(int v) { return with(earlyStop, v); }
  public NetworkClassifier setEtaSchedule(String v) { return with(etaSchedule, v); }
  public NetworkClassifier setPatience(int v) { return with(patience, v); }
  public NetworkClassifier setMonitor(boolean v) { return with(monitor, v); }
  public NetworkClassifier setInputScale(double v) { return with(inputScale, v); }
  public NetworkClassifier setWarehouse(String v) { return with(warehouse, v); }
  public NetworkClassifier setRunId(String v) { return with(runId, v); }

  @SuppressWarnings("unchecked")
  private <T> NetworkClassifier with(Param<T> p, Object v) { return (NetworkClassifier) set(p, (T) v); }
}
