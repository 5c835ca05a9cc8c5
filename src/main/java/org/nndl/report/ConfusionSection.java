package org.nndl.report;

import static org.nndl.report.Html.esc;

import java.util.Locale;
import org.nndl.eval.Confusion;

/** The test set's confusion matrix (rows = true digit, columns = predicted) and the first digits it gets wrong. */
final class ConfusionSection {
  private ConfusionSection() {}

  static void appendMatrix(StringBuilder h, Confusion c) {
    int n = c.outputs();
    long total = c.total();
    h.append("<section id=\"confusion\">\n<h2>Confusion matrix (test set)</h2>\n<p>")
        .append(c.correct()).append(" of ").append(total).append(" right");
    if (total > 0) h.append(String.format(Locale.ROOT, " (%.2f%%)", 100.0 * c.correct() / total));
    h.append("; rows are the true digit, columns the predicted one.</p>\n<table class=\"confusion\">\n")
        .append("<tr><th>true \\ predicted</th>");
    for (int p = 0; p < n; p++) h.append("<th>").append(p).append("</th>");
    h.append("<th class=\"total\">total</th></tr>\n");
    for (int t = 0; t < n; t++) {
      h.append("<tr><th>").append(t).append("</th>");
      for (int p = 0; p < n; p++) {
        h.append(t == p ? "<td class=\"cell ok\">" : "<td class=\"cell\">").append(c.count(t, p)).append("</td>");
      }
      h.append("<td class=\"total\">").append(c.rowTotal(t)).append("</td></tr>\n");
    }
    h.append("<tr><th class=\"total\">total</th>");
    for (int p = 0; p < n; p++) h.append("<td class=\"total\">").append(c.columnTotal(p)).append("</td>");
    h.append("<td class=\"total grand\">").append(total).append("</td></tr>\n</table>\n</section>\n");
  }

  static void appendWrong(StringBuilder h, Confusion c, int rows, int cols, int scale) {
    h.append("<section id=\"wrong\">\n<h2>First misclassified test digits</h2>\n");
    if (c.wrong().isEmpty()) {
      h.append("<p class=\"note\">No misclassified digits were kept.</p>\n</section>\n");
      return;
    }
    h.append("<div class=\"grid\">\n");
    for (Confusion.Miss m : c.wrong()) {
      String caption = "#" + m.index() + ": true " + m.label() + ", predicted " + m.predicted();
      h.append("<figure><img alt=\"").append(esc(caption)).append("\" width=\"").append(cols * scale)
          .append("\" height=\"").append(rows * scale).append("\" src=\"")
          .append(Images.dataUri(Images.digitPng(m.pixels(), rows, cols, scale)))
          .append("\"><figcaption>").append(esc(caption)).append("</figcaption></figure>\n");
    }
    h.append("</div>\n</section>\n");
  }
}
