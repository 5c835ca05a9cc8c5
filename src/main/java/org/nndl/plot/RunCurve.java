package org.nndl.plot;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nndl.metrics.EpochMetrics;

/**
 * What one run's picture is drawn from: its id, its hyperparameters (metrics-table column
 * name to value, in a fixed order) and its epochs in order: read from the table (what SQL
 * returns), or, at the end of a training run, from the rows that run appended.
 */
public record RunCurve(String runId, LinkedHashMap<String, Object> settings,
    List<EpochPoint> points) {

  public RunCurve {
    settings = new LinkedHashMap<>(settings);
    points = List.copyOf(points);
  }

  /**
   * A run's curve from the rows it wrote, without reading them back: hyperparameters as the
   * metrics table's columns hold them (the run's own row), epochs as appended.
   */
  public static RunCurve of(String runId, Map<String, Object> hyperparameters, List<EpochMetrics> epochs) {
    List<EpochPoint> points = epochs.stream().map(e -> new EpochPoint(e.epoch(), e.testAccuracy(), e.testCost(),
        e.trainAccuracy(), e.trainCost(), e.validationAccuracy())).toList();
    return new RunCurve(runId, CurveLoader.settings(hyperparameters), points);
  }

  boolean hasTrain() { return points.stream().anyMatch(p -> p.trainAccuracy() != null); }

  boolean hasTrainCost() { return points.stream().anyMatch(p -> p.trainCost() != null); }

  boolean hasValidation() { return points.stream().anyMatch(p -> p.validationAccuracy() != null); }
}
