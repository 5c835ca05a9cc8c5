package org.nndl.report;

import static org.nndl.report.Html.esc;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.nndl.eval.Confusion;
import org.nndl.metrics.EpochMetrics;

/**
 * A run on one page: report.html, self-contained (pictures are data: URIs, no scripts, no
 * links), so that it can be mailed or opened from any folder. Written to a temporary file and
 * renamed, so a reader never sees half a report.
 */
public final class RunReport {
  /** Each digit pixel becomes a SCALE x SCALE square: 28x28 digits are too small to read otherwise. */
  static final int SCALE = 3;

  private RunReport() {}

  /**
   * Writes the report.
   *
   * @param settings   the run's configuration, shown in this order (values via String.valueOf, arrays listed)
   * @param epochs     per-epoch metrics in epoch order; may be empty
   * @param curvesPng  the learning-curves PNG to embed, or null (a note then says it is absent)
   * @param confusion  the test set's confusion matrix and first misclassified digits
   * @param rows       image height in pixels (28 for MNIST)
   * @param cols       image width in pixels
   */
  public static void write(Path file, String title, LinkedHashMap<String, Object> settings, List<EpochMetrics> epochs,
      Path curvesPng, Confusion confusion, int rows, int cols) throws IOException {
    writeAtomically(file, page(title, settings, epochs, h -> curves(h, curvesPng), confusion, rows, cols));
  }

  /**
   * The report as text, for a file on any file system: as {@link #write} with the curves PNG's
   * bytes (or null when there is none).
   */
  public static String html(String title, LinkedHashMap<String, Object> settings, List<EpochMetrics> epochs,
      byte[] curvesPng, Confusion confusion, int rows, int cols) throws IOException {
    return page(title, settings, epochs, h -> curves(h, curvesPng), confusion, rows, cols);
  }

  /** What writes the curves section. */
  private interface Section {
    void append(StringBuilder h) throws IOException;
  }

  private static String page(String title, LinkedHashMap<String, Object> settings, List<EpochMetrics> epochs,
      Section curves, Confusion confusion, int rows, int cols) throws IOException {
    StringBuilder h = new StringBuilder(64 * 1024);
    h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>")
        .append(esc(title)).append("</title>\n<style>\n").append(CSS).append("</style>\n</head>\n<body>\n")
        .append("<h1>").append(esc(title)).append("</h1>\n");
    settings(h, settings);
    MetricsSection.append(h, epochs);
    curves.append(h);
    ConfusionSection.appendMatrix(h, confusion);
    ConfusionSection.appendWrong(h, confusion, rows, cols, SCALE);
    h.append("</body>\n</html>\n");
    return h.toString();
  }

  private static void settings(StringBuilder h, Map<String, Object> settings) {
    h.append("<section id=\"config\">\n<h2>Configuration</h2>\n");
    if (settings == null || settings.isEmpty()) {
      h.append("<p class=\"note\">No settings were recorded.</p>\n</section>\n");
      return;
    }
    h.append("<table class=\"kv\">\n");
    for (Map.Entry<String, Object> e : settings.entrySet()) {
      h.append("<tr><th>").append(esc(e.getKey())).append("</th><td>").append(esc(text(e.getValue())))
          .append("</td></tr>\n");
    }
    h.append("</table>\n</section>\n");
  }

  /** A setting's text; arrays are listed rather than shown as [I@1b6d3586. */
  static String text(Object v) {
    if (v instanceof int[] a) return Arrays.toString(a);
    if (v instanceof long[] a) return Arrays.toString(a);
    if (v instanceof double[] a) return Arrays.toString(a);
    if (v instanceof Object[] a) return Arrays.deepToString(a);
    return String.valueOf(v);
  }

  private static void curves(StringBuilder h, Path png) throws IOException {
    h.append("<section id=\"curves\">\n<h2>Learning curves</h2>\n");
    if (png == null) {
      h.append("<p class=\"note\">No curves picture for this run.</p>\n");
    } else if (!Files.isRegularFile(png)) {
      h.append("<p class=\"note\">No curves picture: ").append(esc(png)).append(" does not exist.</p>\n");
    } else if (!isPng(png)) {
      h.append("<p class=\"note\">No curves picture: ").append(esc(png)).append(" is not a PNG file.</p>\n");
    } else {
      h.append("<img class=\"curves\" alt=\"learning curves\" src=\"").append(Images.fileDataUri(png)).append("\">\n");
    }
    h.append("</section>\n");
  }

  private static void curves(StringBuilder h, byte[] png) {
    h.append("<section id=\"curves\">\n<h2>Learning curves</h2>\n");
    if (png == null) {
      h.append("<p class=\"note\">No curves picture for this run.</p>\n");
    } else {
      h.append("<img class=\"curves\" alt=\"learning curves\" src=\"").append(Images.dataUri(png)).append("\">\n");
    }
    h.append("</section>\n");
  }

  private static boolean isPng(Path p) throws IOException {
    byte[] sig = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    try (var in = Files.newInputStream(p)) {
      return Arrays.equals(in.readNBytes(8), sig);
    }
  }

  private static void writeAtomically(Path file, String html) throws IOException {
    Path dir = file.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    // A unique name made here rather than by createTempFile, which would leave the page owner-only.
    Path tmp = dir.resolve("." + file.getFileName() + "." + UUID.randomUUID() + ".tmp");
    try {
      Files.writeString(tmp, html, StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW);
      try {
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  private static final String CSS = """
      body { font-family: sans-serif; margin: 2em; color: #222; }
      table { border-collapse: collapse; margin: 0.5em 0; }
      th, td { border: 1px solid #ccc; padding: 0.2em 0.6em; text-align: right; }
      table.kv th { text-align: left; background: #f4f4f4; }
      table.kv td { text-align: left; font-family: monospace; }
      table.confusion td.ok { font-weight: bold; background: #dff0d8; }
      table.confusion td.total, table.confusion th.total { background: #f4f4f4; }
      .note { color: #a00; }
      img.curves { max-width: 100%; }
      .grid { display: flex; flex-wrap: wrap; gap: 0.6em; }
      figure { margin: 0; text-align: center; font-size: 0.85em; }
      figure img { border: 1px solid #ccc; image-rendering: pixelated; }
      """;
}
