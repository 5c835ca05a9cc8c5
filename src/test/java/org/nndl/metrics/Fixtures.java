package org.nndl.metrics;

import java.util.LinkedHashMap;

/** Small builders shared by the metrics tests. */
final class Fixtures {
  private Fixtures() {}

  /** A map from alternating names and values, in order. */
  static LinkedHashMap<String, Object> map(Object... namesAndValues) {
    LinkedHashMap<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < namesAndValues.length; i += 2) {
      m.put((String) namesAndValues[i], namesAndValues[i + 1]);
    }
    return m;
  }

  static LinkedHashMap<String, Object> hyper(double eta) {
    return map("sizes", "784,30,10", "activation", "sigmoid", "eta", eta, "batch_size", 10,
        "seed", 42L, "monitor", true);
  }

  static EpochMetrics epoch(int n) {
    return new EpochMetrics(n, 1.5 + n, 0.9 + n / 100.0, 0.5 - n / 100.0, null, null);
  }
}
