package org.nndl.bench;

import java.util.Arrays;
import java.util.function.BooleanSupplier;

/**
 * Step durations recorded through the optimizer's stop check, which runs before every step: the
 * gaps between consecutive checks are the steps, so the trainer needs no timing code of its own.
 */
final class Timings implements BooleanSupplier {
  private final int maxSteps;
  private long[] stamps = new long[1024];
  private int count;

  Timings() { this(Integer.MAX_VALUE); }

  /** Also asks the optimizer to stop after maxSteps steps. */
  Timings(int maxSteps) { this.maxSteps = maxSteps; }

  @Override public boolean getAsBoolean() {
    if (count == stamps.length) stamps = Arrays.copyOf(stamps, count * 2);
    stamps[count++] = System.nanoTime();
    return count > maxSteps;
  }

  /** Median of the recorded steps in milliseconds (the last step ends unrecorded and is left out). */
  double medianStepMs() {
    if (count < 2) return Double.NaN;  // one round: nothing between two checks
    double[] d = new double[count - 1];
    for (int i = 1; i < count; i++) d[i - 1] = (stamps[i] - stamps[i - 1]) / 1e6;
    return median(d);
  }

  static double median(double[] values) {
    double[] v = values.clone();
    Arrays.sort(v);
    int n = v.length;
    return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
  }
}
