package org.nndl.plot;

import java.util.LinkedHashMap;
import java.util.List;

/**
 * What one run's picture is drawn from: its id, its hyperparameters (metrics-table column
 * name to value, in a fixed order) and its epochs in order. Built from the table only, so the
 * picture always shows exactly what SQL returns.
 */
public record RunCurve(String runId, LinkedHashMap<String, Object> settings,
    List<EpochPoint> points) {

  public RunCurve {
    settings = new LinkedHashMap<>(settings);
    points = List.copyOf(points);
  }

  boolean hasTrain() { return points.stream().anyMatch(p -> p.trainAccuracy() != null); }

  boolean hasTrainCost() { return points.stream().anyMatch(p -> p.trainCost() != null); }

  boolean hasValidation() { return points.stream().anyMatch(p -> p.validationAccuracy() != null); }
}
