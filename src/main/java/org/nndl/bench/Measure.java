package org.nndl.bench;

import java.math.BigDecimal;
import java.math.MathContext;

/**
 * One line of the benchmark table.
 *
 * @param target what the issue asks, in words ("<= 0.5"), or empty
 * @param met whether the value meets the target, or null when there is none
 */
public record Measure(String name, double value, String unit, String target, Boolean met) {
  static Measure of(String name, double value, String unit) { return new Measure(name, value, unit, "", null); }

  static Measure atMost(String name, double value, String unit, double limit) {
    return new Measure(name, value, unit, "<= " + text(limit), value <= limit);
  }

  static Measure atLeast(String name, double value, String unit, double limit) {
    return new Measure(name, value, unit, ">= " + text(limit), value >= limit);
  }

  static Measure within(String name, double value, String unit, double lo, double hi) {
    return new Measure(name, value, unit, text(lo) + " .. " + text(hi), value >= lo && value <= hi);
  }

  private static String text(double v) {
    return new BigDecimal(v).round(new MathContext(6)).stripTrailingZeros().toPlainString();
  }
}
