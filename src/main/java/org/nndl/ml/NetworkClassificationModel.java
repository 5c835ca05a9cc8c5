package org.nndl.ml;

import java.util.Arrays;
import org.apache.spark.ml.attribute.AttributeGroup;
import org.apache.spark.ml.classification.ProbabilisticClassificationModel;
import org.apache.spark.ml.linalg.DenseVector;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.util.Identifiable;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.ml.util.MLWritable;
import org.apache.spark.ml.util.MLWriter;
import org.apache.spark.sql.types.StructType;
import org.nndl.error.UserError;
import org.nndl.net.ModelJson;
import org.nndl.net.Network2;
import org.nndl.net.NetworkSpec;
import org.nndl.net.Output;

/**
 * A trained network as a Spark ML model: {@code rawPrediction} is the output layer's activations
 * for the features times 1/inputScale (what {@code ./submit predict} computes, with the same
 * reference code), {@code probability} the softmax output or the outputs scaled to sum 1, and
 * {@code prediction} their argmax. The parameters are the network evaluation uses (with dropout,
 * the weights out of hidden neurons scaled by 1 - p), as in model.json. The model has every param
 * of its estimator ({@link NetworkParams}), as fit set them. A features vector of another size
 * than the input layer's, or with a NaN or infinite value, is refused with an
 * IllegalArgumentException.
 */
public final class NetworkClassificationModel
    extends ProbabilisticClassificationModel<Vector, NetworkClassificationModel> implements NetworkParams, MLWritable {
  private static final long serialVersionUID = 1L;
  private String uid;  // no initializer: set once the Scala superclass is built (see Uids)
  private NetworkSpec spec;
  private double[] params;
  private transient NetworkTrainingSummary summary;  // null after load: the summary is not saved
  private NetworkParamSet paramSet;

  NetworkClassificationModel(String uid, NetworkSpec spec, double[] params, NetworkTrainingSummary summary) {
    this(Uids.pending(uid), spec, params, summary, true);
  }

  /**
   * A model with no network yet, by uid: how Spark Connect's ML service builds a registered
   * transformer (META-INF/services) before it sets params; a network comes only from {@link
   * #load}, fit or {@link #fromNetwork2Json}, and this one refuses to transform.
   */
  public NetworkClassificationModel(String uid) { this(Uids.pending(uid), null, new double[0], null, true); }

  /** The no-argument constructor Java's ServiceLoader asks of a registered class; as {@code (String uid)} with a new uid. */
  public NetworkClassificationModel() { this(Identifiable.randomUID("networkClassifier")); }

  private NetworkClassificationModel(String uid, NetworkSpec spec, double[] params, NetworkTrainingSummary summary, boolean pending) {
    super();
    this.uid = uid;
    Uids.done();
    this.spec = spec;
    this.params = params;
    this.summary = summary;
    paramSet = new NetworkParamSet(this);
    if (spec == null) return;
    // what the network is, whoever made it (fit copies the same values; network2.py's JSON has no other params)
    int[] sizes = spec.layout().sizes();
    set(hiddenLayers(), Arrays.copyOfRange(sizes, 1, sizes.length - 1));
    set(activation(), spec.activation().id());
    set(output(), spec.output().id());
    set(cost(), spec.cost().id());
  }

  @Override public String uid() { return uid != null ? uid : Uids.current(); }

  @Override public NetworkParamSet networkParams() { return paramSet; }

  public NetworkClassificationModel setInputScale(double v) { return (NetworkClassificationModel) set(inputScale(), v); }

  /** The layers, activations and cost; IllegalStateException for a model made by uid, which has no network. */
  public NetworkSpec spec() {
    if (spec == null) {
      throw new IllegalStateException("model " + uid() + " has no network: it was made by uid; load one with"
          + " NetworkClassificationModel.load(path)");
    }
    return spec;
  }

  /** A copy of the weights and biases, in the project's flat layout (see {@code Layout}). */
  public double[] weights() { return params.clone(); }

  @Override public int numFeatures() { return spec().layout().inputSize(); }

  @Override public int numClasses() { return spec().layout().outputSize(); }

  /** The output layer's activations; a UserError (an IllegalArgumentException) for a vector of another size or a non-finite value. */
  @Override public Vector predictRaw(Vector features) {
    if (features.size() != numFeatures()) throw wrongSize("a vector of " + features.size() + " values");
    double[] x = features.toArray().clone();
    double scale = 1.0 / getInputScale();
    for (int j = 0; j < x.length; j++) {
      if (!Double.isFinite(x[j])) {
        throw new UserError("the column '" + getFeaturesCol() + "' holds a vector whose value " + j + " is "
            + x[j] + ": every feature must be a finite number");
      }
      x[j] *= scale;
    }
    return Vectors.dense(new Network2(spec, params).output(x));
  }

  /** Spark's checks, and a features column whose metadata gives its vectors' size (LIBSVM's, VectorAssembler's) refused at once when it is not the input layer's. */
  @Override public StructType transformSchema(StructType schema) {
    spec();  // a model made by uid has no network to transform with
    if (Arrays.asList(schema.fieldNames()).contains(getFeaturesCol())
        && schema.apply(getFeaturesCol()).dataType().equals(SQLDataTypes.VectorType())) {
      int size = AttributeGroup.fromStructField(schema.apply(getFeaturesCol())).size();
      if (size >= 0 && size != numFeatures()) throw wrongSize("vectors of " + size + " values (its metadata says so)");
    }
    return super.transformSchema(schema);
  }

  private UserError wrongSize(String what) {
    return new UserError("the column '" + getFeaturesCol() + "' holds " + what + " but the model's input"
        + " layer takes " + numFeatures() + ": give it vectors of the size it was trained on (a LIBSVM file read without"
        + " option numFeatures has as many values as its largest index)");
  }

  /** Softmax outputs as they are; other outputs (negative ones as 0) scaled to sum 1, uniform when all are 0. */
  @Override public Vector raw2probabilityInPlace(Vector raw) {
    double[] v = ((DenseVector) raw).values();
    if (spec.output() == Output.SOFTMAX) return raw;
    double sum = 0;
    for (int j = 0; j < v.length; j++) sum += v[j] = Math.max(0, v[j]);
    for (int j = 0; j < v.length; j++) v[j] = sum > 0 ? v[j] / sum : 1.0 / v.length;
    return raw;
  }

  /** javac sees two inherited findSummaryModel with the same signature (Scala generics): one override settles it. */
  @SuppressWarnings({"unchecked", "rawtypes"})
  @Override public scala.Tuple3 findSummaryModel() { return super.findSummaryModel(); }

  @Override public NetworkClassificationModel copy(ParamMap extra) {
    NetworkClassificationModel copy = new NetworkClassificationModel(uid, spec, params, summary);
    return copyValues(copy, extra).setParent(parent());
  }

  /** True after fit (and in its copies), as Spark's models; a loaded model has no training summary. */
  public boolean hasSummary() { return summary != null; }

  /** What fit measured (see {@link NetworkTrainingSummary}); IllegalStateException when {@link #hasSummary()} is false. */
  public NetworkTrainingSummary summary() {
    if (summary == null) throw new IllegalStateException("this model was loaded, not trained here: it has no training summary");
    return summary;
  }

  void setSummary(NetworkTrainingSummary s) { summary = s; }

  /**
   * Spark's classification metrics of this model on any DataFrame with the features and label
   * columns, as Spark's {@code evaluate(dataset)}: the figures MulticlassClassificationEvaluator
   * gives for this model's transform of it.
   */
  public NetworkClassificationSummary evaluate(org.apache.spark.sql.Dataset<?> dataset) {
    scala.Tuple3<?, ?, ?> m = findSummaryModel();
    NetworkClassificationModel model = (NetworkClassificationModel) m._1();
    return new NetworkClassificationSummary(model.transform(dataset), (String) m._3(), getLabelCol());
  }

  /** The model as network2.py's JSON (sizes, weights, biases, cost; activation and output too). */
  public String toNetwork2Json() { return ModelJson.toJson(spec(), params).toString(); }

  /** A model from network2.py's JSON (features taken as they are: inputScale 1). */
  public static NetworkClassificationModel fromNetwork2Json(String json) {
    ModelJson.Model m = ModelJson.parse(json);
    return new NetworkClassificationModel(Identifiable.randomUID("networkClassifier"), m.spec(),
        m.params(), null);
  }

  @Override public MLWriter write() { return new ModelStore.Writer(this); }

  public static MLReader<NetworkClassificationModel> read() { return new ModelStore.Reader(); }

  public static NetworkClassificationModel load(String path) { return read().load(path); }

  static NetworkClassificationModel loaded(String uid, NetworkSpec spec, double[] params) {
    return new NetworkClassificationModel(uid, spec, params, null);
  }

  @Override public String toString() {
    return "NetworkClassificationModel: uid=" + uid() + (spec == null ? ", no network" : ", layers=" + spec.layout() + ", numClasses=" + numClasses());
  }
}
