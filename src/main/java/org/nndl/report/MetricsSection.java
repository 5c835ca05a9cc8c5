package org.nndl.report;

import static org.nndl.report.Html.esc;

import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import org.nndl.metrics.EpochMetrics;

/** The final epoch's figures and each metric's best epoch (highest accuracy, lowest cost; earliest on ties). */
final class MetricsSection {
  private MetricsSection() {}

  static void append(StringBuilder h, List<EpochMetrics> epochs) {
    h.append("<section id=\"metrics\">\n<h2>Metrics</h2>\n");
    if (epochs == null || epochs.isEmpty()) {
      h.append("<p class=\"note\">No epoch finished.</p>\n</section>\n");
      return;
    }
    EpochMetrics last = epochs.get(epochs.size() - 1);
    h.append("<h3>Final (epoch ").append(last.epoch()).append(")</h3>\n<table id=\"final\">\n")
        .append("<tr><th>test accuracy</th><th>test cost</th><th>train accuracy</th><th>train cost</th></tr>\n")
        .append("<tr><td>").append(pct(last.testAccuracy())).append("</td><td>").append(num(last.testCost()))
        .append("</td><td>").append(pct(last.trainAccuracy())).append("</td><td>").append(num(last.trainCost()))
        .append("</td></tr>\n</table>\n");
    h.append("<h3>Best</h3>\n<table id=\"best\">\n<tr><th>metric</th><th>best</th><th>epoch</th></tr>\n");
    best(h, epochs, "test accuracy", EpochMetrics::testAccuracy, true, true);
    best(h, epochs, "test cost", EpochMetrics::testCost, false, false);
    best(h, epochs, "train accuracy", EpochMetrics::trainAccuracy, true, true);
    best(h, epochs, "train cost", EpochMetrics::trainCost, false, false);
    h.append("</table>\n</section>\n");
  }

  private static void best(StringBuilder h, List<EpochMetrics> epochs, String name,
      Function<EpochMetrics, Double> metric, boolean higher, boolean percent) {
    EpochMetrics best = null;
    double bestValue = Double.NaN;
    for (EpochMetrics m : epochs) {
      Double v = metric.apply(m);
      if (v == null || v.isNaN()) continue;
      if (best == null || (higher ? v > bestValue : v < bestValue)) {
        best = m;
        bestValue = v;
      }
    }
    h.append("<tr><th>").append(esc(name)).append("</th>");
    if (best == null) {
      h.append("<td>not measured</td><td>-</td></tr>\n");
    } else {
      h.append("<td>").append(percent ? pct(bestValue) : num(bestValue)).append("</td><td>").append(best.epoch())
          .append("</td></tr>\n");
    }
  }

  static String pct(Double fraction) {
    return fraction == null ? "not measured" : String.format(Locale.ROOT, "%.2f%%", 100 * fraction);
  }

  static String num(Double v) {
    return v == null ? "not measured" : String.format(Locale.ROOT, "%.4f", v);
  }
}
