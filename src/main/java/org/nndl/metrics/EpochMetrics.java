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
 */
public record EpochMetrics(int epoch, double trainSeconds, double testAccuracy, double testCost,
    Double trainAccuracy, Double trainCost) {

  public EpochMetrics {
    if (epoch < 0) throw new IllegalArgumentException("epoch must be >= 0, got " + epoch);
    if (!(trainSeconds >= 0)) {
      throw new IllegalArgumentException("trainSeconds must be >= 0, got " + trainSeconds);
    }
    requireFraction("testAccuracy", testAccuracy);
    if (trainAccuracy != null) requireFraction("trainAccuracy", trainAccuracy);
  }

  private static void requireFraction(String name, double value) {
    if (!(value >= 0 && value <= 1)) {
      throw new IllegalArgumentException(name + " must be a fraction in [0, 1], got " + value);
    }
  }
}
