package org.nndl.ml;

import java.io.Serializable;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.ml.param.BooleanParam;
import org.apache.spark.ml.param.DoubleParam;
import org.apache.spark.ml.param.IntArrayParam;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.LongParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamValidators;
import org.apache.spark.ml.param.Params;
import org.nndl.train.Techniques;
import org.nndl.train.TrainSettings;

/**
 * The params of {@link NetworkParams}, made once for each estimator or model that has them (a
 * param belongs to its owner's uid), with their validators and defaults: the one place they are
 * declared. A validator that takes numbers refuses NaN and the infinities. The model is shipped
 * to the executors inside {@code transform}'s function, so every validator is serializable.
 */
public final class NetworkParamSet implements Serializable {
  private static final long serialVersionUID = 1L;

  /**
   * Each param that is a command-line option, and the option ({@code run/NamedSettings} maps both
   * to the trainer's settings; refusals worded for the option are said with the param):
   * hiddenLayers is --sizes without the input and output layers, validationIndicatorCol's rows are
   * --validation's.
   */
  static final Map<String, String> OPTIONS = options("activation", "--activation", "output", "--output", "cost", "--cost",
      "init", "--init", "maxIter", "--epochs", "batchSize", "--batch-size", "stepSize", "--eta", "regParam", "--lambda",
      "regularization", "--regularization", "dropout", "--dropout", "momentum", "--momentum", "seed", "--seed",
      "syncEvery", "--sync-every", "partitions", "--partitions", "earlyStop", "--early-stop", "etaSchedule", "--eta-schedule",
      "patience", "--patience", "monitor", "--monitor", "hiddenLayers", "--sizes", "validationIndicatorCol", "--validation",
      "inputScale", "--input-scale", "warehouse", "--warehouse", "runId", "--run-id");

  /**
   * Where the estimator's defaults leave the book's (docs/spark-ml.md#defaults, measured by
   * {@code ./submit bench --versus-mlp}): a tenth of the rows held out, eta halved after PATIENCE
   * epochs without a better validation accuracy, a stop after EARLY_STOP such epochs, at most
   * MAX_ITER epochs. The command line keeps the book's experiment (conf/nndl.properties).
   */
  static final int MAX_ITER = 30;
  static final double VALIDATION_FRACTION = 0.1;
  static final int PATIENCE = 2;
  static final int EARLY_STOP = 6;

  final IntArrayParam hiddenLayers;
  final Param<String> activation;
  final Param<String> output;
  final Param<String> cost;
  final Param<String> init;
  final IntParam maxIter;
  final IntParam batchSize;
  final DoubleParam stepSize;
  final DoubleParam regParam;
  final Param<String> regularization;
  final DoubleParam dropout;
  final DoubleParam momentum;
  final LongParam seed;
  final Param<String> syncEvery;
  final Param<String> partitions;
  final Param<String> validationIndicatorCol;
  final DoubleParam validationFraction;
  final IntParam earlyStop;
  final Param<String> etaSchedule;
  final IntParam patience;
  final BooleanParam monitor;
  final DoubleParam inputScale;
  final Param<String> warehouse;
  final Param<String> runId;

  /** The params of owner, its defaults set. */
  NetworkParamSet(Params owner) {
    hiddenLayers = new IntArrayParam(owner, "hiddenLayers", "the hidden layers' sizes; the input layer has one neuron"
        + " per feature, the output layer one per class", valid((int[] a) -> Arrays.stream(a).allMatch(s -> s > 0)));
    activation = choice(owner, "activation", "the hidden neurons: sigmoid | relu | tanh", "sigmoid", "relu", "tanh");
    output = choice(owner, "output", "the output layer: sigmoid | softmax | relu | tanh, or empty for the hidden layers' one",
        "", "sigmoid", "softmax", "relu", "tanh");
    cost = choice(owner, "cost", "cross-entropy | quadratic | log-likelihood", "cross-entropy", "quadratic", "log-likelihood");
    init = choice(owner, "init", "default (weights N(0, 1/sqrt(n_in))) | large (N(0, 1))", "default", "large");
    maxIter = new IntParam(owner, "maxIter", "epochs of mini-batch SGD (>= 1)", ParamValidators.gtEq(1));
    batchSize = new IntParam(owner, "batchSize", "mini-batch size m (>= 1)", ParamValidators.gtEq(1));
    stepSize = new DoubleParam(owner, "stepSize", "learning rate eta (> 0, finite)", finite(false));
    regParam = new DoubleParam(owner, "regParam", "regularization strength lambda (>= 0, finite)",
        finite(true));
    regularization = choice(owner, "regularization", "the weight penalty regParam sets: l2 | l1", "l2", "l1");
    dropout = new DoubleParam(owner, "dropout", "probability of dropping a hidden neuron in training, in [0, 1)",
        ParamValidators.inRange(0, 1, true, false));
    momentum = new DoubleParam(owner, "momentum", "momentum coefficient mu in [0, 1), 0 = plain SGD",
        ParamValidators.inRange(0, 1, true, false));
    seed = new LongParam(owner, "seed", "seed of the initial weights, each epoch's shuffle and dropout's masks: any long,"
        + " read as numpy's unsigned 64-bit seed (a negative seed s is default_rng(s + 2^64))");
    syncEvery = new Param<>(owner, "syncEvery", "exact (one synchronization per mini-batch) | auto (the parallel plan:"
        + " partitions N >= 2 workers, rounds with outer momentum) | K local steps | epoch",
        valid((String s) -> s.equals("exact") || s.equals("auto") || s.equals("epoch") || s.matches("[1-9][0-9]{0,8}")));
    partitions = new Param<>(owner, "partitions", "auto (the plan ./submit train --partitions auto chooses) | a positive count",
        valid((String p) -> p.equals("auto") || p.matches("[1-9][0-9]{0,8}")));
    validationIndicatorCol = new Param<>(owner, "validationIndicatorCol", "boolean column: rows marked true are held out"
        + " for validation, early stopping and the eta schedule");
    validationFraction = new DoubleParam(owner, "validationFraction", "without validationIndicatorCol, the fraction of"
        + " rows held out for validation (Dataset.randomSplit([1 - f, f], seed)); 0 = none: every row trains, and"
        + " earlyStop and etaSchedule halve are off", ParamValidators.inRange(0, 1, true, false));
    earlyStop = new IntParam(owner, "earlyStop", "stop after this many epochs without a better validation accuracy, 0 = never",
        ParamValidators.gtEq(0));
    etaSchedule = choice(owner, "etaSchedule", "none | halve (halve eta after patience epochs without a better validation"
        + " accuracy)", "none", "halve");
    patience = new IntParam(owner, "patience", "epochs without improvement before eta is halved (>= 1)", ParamValidators.gtEq(1));
    monitor = new BooleanParam(owner, "monitor", "also score the training set each epoch");
    inputScale = new DoubleParam(owner, "inputScale", "every feature is multiplied by 1/inputScale (255 for raw pixels;"
        + " > 0, finite)", finite(false));
    warehouse = new Param<>(owner, "warehouse", "a warehouse: a local folder or any Hadoop URI (hdfs://...), as --warehouse;"
        + " when set, fit's run lands in its tables as a CLI run does");
    runId = new Param<>(owner, "runId", "the run's id in the warehouse; when taken (another fit of a tuning, a fit again),"
        + " runId-2, runId-3, ...: the first free (default: a new id; see summary().runId())");
    // the book's settings, as TrainSettings.builder() declares them (the one set of defaults); partitions: the run's
    // plan; then what the estimator does otherwise (ESTIMATOR: a first fit good on data that is not MNIST)
    TrainSettings book = TrainSettings.builder().build();
    Techniques none = Techniques.NONE;
    owner.setDefault(hiddenLayers, Arrays.copyOfRange(book.sizes(), 1, book.sizes().length - 1));
    owner.setDefault(activation, book.activation().id());
    owner.setDefault(output, "");
    owner.setDefault(cost, book.cost().id());
    owner.setDefault(init, book.init().id());
    owner.setDefault(batchSize, book.batchSize());
    owner.setDefault(stepSize, book.eta());
    owner.setDefault(regParam, book.lambda());
    owner.setDefault(regularization, none.regularization().id());
    owner.setDefault(dropout, none.dropout());
    owner.setDefault(momentum, none.momentum());
    owner.setDefault(seed, book.seed());
    owner.setDefault(syncEvery, book.syncText());
    owner.setDefault(partitions, "auto");
    owner.setDefault(monitor, book.monitor());
    owner.setDefault(inputScale, 1.0);
    owner.setDefault(maxIter, MAX_ITER);
    owner.setDefault(validationFraction, VALIDATION_FRACTION);
    owner.setDefault(etaSchedule, "halve");
    owner.setDefault(patience, PATIENCE);
    owner.setDefault(earlyStop, EARLY_STOP);
  }

  private static Map<String, String> options(String... pairs) {
    Map<String, String> m = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) m.put(pairs[i], pairs[i + 1]);
    return Collections.unmodifiableMap(m);
  }

  private static Param<String> choice(Params owner, String name, String doc, String... allowed) {
    return new Param<>(owner, name, doc, ParamValidators.inArray(allowed));
  }

  /** A validator Java serialization can ship. */
  private interface Check<T> extends scala.Function1<T, Object>, Serializable {}

  private static <T> Check<T> valid(Check<T> check) { return check; }

  /** Spark's gt(0), or gtEq(0) with orZero, that also refuses +Infinity (NaN fails either). */
  private static Check<Object> finite(boolean orZero) {
    return v -> ((Double) v < Double.POSITIVE_INFINITY) && (orZero ? (Double) v >= 0 : (Double) v > 0);
  }
}
