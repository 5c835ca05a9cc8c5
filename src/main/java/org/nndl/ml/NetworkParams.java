package org.nndl.ml;

import org.apache.spark.ml.param.BooleanParam;
import org.apache.spark.ml.param.DoubleParam;
import org.apache.spark.ml.param.IntArrayParam;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.LongParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.Params;

/**
 * The params {@link NetworkClassifier} and {@link NetworkClassificationModel} share, as Spark's
 * {@code MultilayerPerceptronParams}: the estimator's are set by the user, the model's are copied
 * from its estimator by {@code fit} and kept by {@code save}/{@code load}. Each param has a public
 * no-argument accessor (how Spark's {@code Params} finds them) and a getter; the setters are the
 * estimator's (the model sets only inputScale, which {@code transform} uses).
 */
public interface NetworkParams extends Params {
  /** This instance's params (see {@link NetworkParamSet}); users call the accessors below. */
  NetworkParamSet networkParams();

  default IntArrayParam hiddenLayers() { return networkParams().hiddenLayers; }
  default Param<String> activation() { return networkParams().activation; }
  default Param<String> output() { return networkParams().output; }
  default Param<String> cost() { return networkParams().cost; }
  default Param<String> init() { return networkParams().init; }
  default IntParam maxIter() { return networkParams().maxIter; }
  default IntParam batchSize() { return networkParams().batchSize; }
  default DoubleParam stepSize() { return networkParams().stepSize; }
  default DoubleParam regParam() { return networkParams().regParam; }
  default Param<String> regularization() { return networkParams().regularization; }
  default DoubleParam dropout() { return networkParams().dropout; }
  default DoubleParam momentum() { return networkParams().momentum; }
  default LongParam seed() { return networkParams().seed; }
  default Param<String> syncEvery() { return networkParams().syncEvery; }
  default Param<String> partitions() { return networkParams().partitions; }
  default Param<String> validationIndicatorCol() { return networkParams().validationIndicatorCol; }
  default DoubleParam validationFraction() { return networkParams().validationFraction; }
  default IntParam earlyStop() { return networkParams().earlyStop; }
  default Param<String> etaSchedule() { return networkParams().etaSchedule; }
  default IntParam patience() { return networkParams().patience; }
  default BooleanParam monitor() { return networkParams().monitor; }
  default DoubleParam inputScale() { return networkParams().inputScale; }
  default Param<String> warehouse() { return networkParams().warehouse; }
  default Param<String> runId() { return networkParams().runId; }

  default int[] getHiddenLayers() { return ((int[]) getOrDefault(hiddenLayers())).clone(); }
  default String getActivation() { return getOrDefault(activation()); }
  default String getOutput() { return getOrDefault(output()); }
  default String getCost() { return getOrDefault(cost()); }
  default String getInit() { return getOrDefault(init()); }
  default int getMaxIter() { return (Integer) getOrDefault(maxIter()); }
  default int getBatchSize() { return (Integer) getOrDefault(batchSize()); }
  default double getStepSize() { return (Double) getOrDefault(stepSize()); }
  default double getRegParam() { return (Double) getOrDefault(regParam()); }
  default String getRegularization() { return getOrDefault(regularization()); }
  default double getDropout() { return (Double) getOrDefault(dropout()); }
  default double getMomentum() { return (Double) getOrDefault(momentum()); }
  default long getSeed() { return (Long) getOrDefault(seed()); }
  default String getSyncEvery() { return getOrDefault(syncEvery()); }
  default String getPartitions() { return getOrDefault(partitions()); }
  /** The validation indicator column, or null when none is set. */
  default String getValidationIndicatorCol() { return isDefined(validationIndicatorCol()) ? getOrDefault(validationIndicatorCol()) : null; }
  default double getValidationFraction() { return (Double) getOrDefault(validationFraction()); }
  default int getEarlyStop() { return (Integer) getOrDefault(earlyStop()); }
  default String getEtaSchedule() { return getOrDefault(etaSchedule()); }
  default int getPatience() { return (Integer) getOrDefault(patience()); }
  default boolean getMonitor() { return (Boolean) getOrDefault(monitor()); }
  default double getInputScale() { return (Double) getOrDefault(inputScale()); }
  /** The warehouse folder, or null when fit writes no run. */
  default String getWarehouse() { return isDefined(warehouse()) ? getOrDefault(warehouse()) : null; }
  /** The run id, or null for a new one. */
  default String getRunId() { return isDefined(runId()) ? getOrDefault(runId()) : null; }
}
