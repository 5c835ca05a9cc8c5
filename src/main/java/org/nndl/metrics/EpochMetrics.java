package org.nndl.metrics;

/**
 * What one finished epoch measured: one row of the metrics table.
 *
 * @param epoch         epoch number as the trainer counts it (non-negative)
 * @param trainSeconds  wall-clock seconds the epoch's training took
 * @param testAccuracy  fraction of test images classified correctly, in [0, 1]
 * @param testCost      mean cost (including regularisation) on the test set
 * @param trainAccuracy fraction correct on the training set, or null when not monitored
 * @param trainCost     cost on the training set, or null when not monitored
 * @param validationAccuracy fraction correct on the held-out validation set, or null without one
 * @param validationCost cost on the validation set, or null without one
 * @param eta           the learning rate in force during the epoch, or null when not recorded
 */
public record EpochMetrics(int epoch, double trainSeconds, double testAccuracy, double testCost,
    Double trainAccuracy, Double trainCost, Double validationAccuracy, Double validationCost, Double eta) {

  /** An epoch without a validation set or recorded learning rate. */
  public EpochMetrics(int epoch, double trainSeconds, double testAccuracy, double testCost, Double trainAccuracy,
      Double trainCost) {
    this(epoch, trainSeconds, testAccuracy, testCost, trainAccuracy, trainCost, null, null, null);
  }

  public EpochMetrics {
    if (epoch < 0) throw new IllegalArgumentException("epoch must be >= 0, got " + epoch);
    if (!(trainSeconds >= 0)) {
      throw new IllegalArgumentException("trainSeconds must be >= 0, got " + trainSeconds);
    }
    requireFraction("testAccuracy", testAccuracy);
    if (trainAccuracy != null) requireFraction("trainAccuracy", trainAccuracy);
    if (validationAccuracy != null) requireFraction("validationAccuracy", validationAccuracy);
  }

  private static void requireFraction(String name, double value) {
    if (!(value >= 0 && value <= 1)) {
      throw new IllegalArgumentException(name + " must be a fraction in [0, 1], got " + value);
    }
  }
}
