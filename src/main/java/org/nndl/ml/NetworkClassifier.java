package org.nndl.ml;

import org.apache.spark.ml.classification.ProbabilisticClassifier;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
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
 * Spark's names where Spark has one (maxIter = epochs, stepSize = eta, regParam = lambda), declared
 * once in {@link NetworkParams}, which the model shares; the setters are here.
 */
public final class NetworkClassifier
    extends ProbabilisticClassifier<Vector, NetworkClassifier, NetworkClassificationModel>
    implements NetworkParams, DefaultParamsWritable {
  private static final long serialVersionUID = 1L;
  private String uid;  // no initializer: set once the Scala superclass is built (see Uids)

  private NetworkParamSet paramSet;

  public NetworkClassifier() { this(Identifiable.randomUID("networkClassifier")); }

  public NetworkClassifier(String uid) { this(Uids.pending(uid), true); }

  private NetworkClassifier(String uid, boolean pending) {
    super();
    this.uid = uid;
    Uids.done();
    paramSet = new NetworkParamSet(this);
  }

  @Override public String uid() { return uid != null ? uid : Uids.current(); }

  @Override public NetworkClassifier copy(ParamMap extra) { return defaultCopy(extra); }

  @Override public NetworkClassificationModel train(Dataset<?> dataset) { return Fit.run(this, dataset); }

  /** Params that cannot go together, fit's columns (missing, or not numbers / vectors), then Spark's checks. */
  @Override public StructType transformSchema(StructType schema) {
    Fit.checkParams(this);
    FrameReader.checkColumns(schema, Fit.columns(this), "training");
    return super.transformSchema(schema);
  }

  public static MLReader<NetworkClassifier> read() { return new DefaultParamsReader<>(); }

  public static NetworkClassifier load(String path) { return read().load(path); }

  @Override public NetworkParamSet networkParams() { return paramSet; }

  public NetworkClassifier setHiddenLayers(int... v) { return with(hiddenLayers(), v.clone()); }
  public NetworkClassifier setActivation(String v) { return with(activation(), v); }
  public NetworkClassifier setOutput(String v) { return with(output(), v); }
  public NetworkClassifier setCost(String v) { return with(cost(), v); }
  public NetworkClassifier setInit(String v) { return with(init(), v); }
  public NetworkClassifier setMaxIter(int v) { return with(maxIter(), v); }
  public NetworkClassifier setBatchSize(int v) { return with(batchSize(), v); }
  public NetworkClassifier setStepSize(double v) { return with(stepSize(), v); }
  public NetworkClassifier setRegParam(double v) { return with(regParam(), v); }
  public NetworkClassifier setRegularization(String v) { return with(regularization(), v); }
  public NetworkClassifier setDropout(double v) { return with(dropout(), v); }
  public NetworkClassifier setMomentum(double v) { return with(momentum(), v); }
  public NetworkClassifier setSeed(long v) { return with(seed(), v); }
  public NetworkClassifier setSyncEvery(String v) { return with(syncEvery(), v); }
  public NetworkClassifier setPartitions(String v) { return with(partitions(), v); }
  public NetworkClassifier setValidationIndicatorCol(String v) { return with(validationIndicatorCol(), v); }
  public NetworkClassifier setValidationFraction(double v) { return with(validationFraction(), v); }
  public NetworkClassifier setEarlyStop(int v) { return with(earlyStop(), v); }
  public NetworkClassifier setEtaSchedule(String v) { return with(etaSchedule(), v); }
  public NetworkClassifier setPatience(int v) { return with(patience(), v); }
  public NetworkClassifier setMonitor(boolean v) { return with(monitor(), v); }
  public NetworkClassifier setInputScale(double v) { return with(inputScale(), v); }
  public NetworkClassifier setWarehouse(String v) { return with(warehouse(), v); }
  public NetworkClassifier setRunId(String v) { return with(runId(), v); }

  @SuppressWarnings("unchecked")
  private <T> NetworkClassifier with(Param<T> p, Object v) { return (NetworkClassifier) set(p, (T) v); }
}
