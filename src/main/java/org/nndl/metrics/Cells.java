package org.nndl.metrics;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.nndl.compat.Scala;
import scala.collection.Seq;

/** Text forms of cell values shared by the formatters. */
final class Cells {
  private static final MathContext SIX_DIGITS = new MathContext(6);

  private Cells() {}

  /** Exact text for machine-readable output; null stays null; arrays as [a,b,...]. */
  static String exact(Object value) {
    if (value == null) return null;
    if (value instanceof BigDecimal d) return d.toPlainString();
    List<?> list = elements(value);
    if (list != null) return join(list, Cells::exact);
    return String.valueOf(value);
  }

  /** Short text for people: floating point to 6 significant digits, "null" for null. */
  static String compact(Object value) {
    List<?> list = elements(value);
    if (list != null) return join(list, Cells::compact);
    if (value instanceof Double d) return compact(d.doubleValue());
    if (value instanceof Float f) return compact(f.doubleValue());
    return value == null ? "null" : exact(value);
  }

  /**
   * The elements of an array cell, or null for other values: Spark returns array columns as
   * Scala sequences, rows made in Java hold Java lists.
   */
  static List<?> elements(Object value) {
    if (value instanceof List<?> l) return l;
    if (value instanceof Seq<?> s) return Scala.list(s);
    return null;
  }

  private static String join(List<?> list, Function<Object, String> text) {
    return list.stream().map(e -> e == null ? "null" : text.apply(e)).collect(Collectors.joining(",", "[", "]"));
  }

  static String compact(double d) {
    if (Double.isNaN(d) || Double.isInfinite(d)) return Double.toString(d);
    if (d == 0) return "0";
    BigDecimal rounded = new BigDecimal(d).round(SIX_DIGITS).stripTrailingZeros();
    double magnitude = Math.abs(d);
    return magnitude >= 1e-4 && magnitude < 1e9 ? rounded.toPlainString() : rounded.toString();
  }
}
