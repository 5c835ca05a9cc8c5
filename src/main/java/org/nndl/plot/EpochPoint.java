package org.nndl.plot;

/**
 * One epoch of a run as plotted: a metrics-table row reduced to the numbers the curves need.
 * Accuracies are fractions in [0, 1], as stored; the chart shows them in percent.
 *
 * @param trainAccuracy      null when the run was not monitored
 * @param trainCost          null when the run was not monitored
 * @param validationAccuracy null unless the table has a non-null {@code validation_accuracy}
 */
public record EpochPoint(int epoch, double testAccuracy, double testCost, Double trainAccuracy,
    Double trainCost, Double validationAccuracy) {}
