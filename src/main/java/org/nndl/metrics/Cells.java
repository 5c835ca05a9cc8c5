package org.nndl.metrics;

import java.math.BigDecimal;
import java.math.MathContext;

/** Text forms of cell values shared by the formatters. */
final class Cells {
  private static final MathContext SIX_DIGITS = new MathContext(6);

  private Cells() {}

  /** Exact text for machine-readable output; null stays null. */
  static String exact(Object value) {
    if (value == null) return null;
    if (value instanceof BigDecimal d) return d.toPlainString();
    return String.valueOf(value);
  }

  /** Short text for people: floating point to 6 significant digits, "null" for null. */
  static String compact(Object value) {
    if (value instanceof Double d) return compact(d.doubleValue());
    if (value instanceof Float f) return compact(f.doubleValue());
    return value == null ? "null" : exact(value);
  }

  static String compact(double d) {
    if (Double.isNaN(d) || Double.isInfinite(d)) return Double.toString(d);
    if (d == 0) return "0";
    BigDecimal rounded = new BigDecimal(d).round(SIX_DIGITS).stripTrailingZeros();
    double magnitude = Math.abs(d);
    return magnitude >= 1e-4 && magnitude < 1e9 ? rounded.toPlainString() : rounded.toString();
  }
}
