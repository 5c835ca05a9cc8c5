package org.nndl.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nndl.SparkTestSession;
import org.nndl.cache.CachedSet;
import org.nndl.data.Dataset;
import org.nndl.eval.Confusion;
import org.nndl.metrics.EpochMetrics;
import org.nndl.net.Initializer;
import org.nndl.train.TrainSettings;

/** The one-page report: every section present, totals right, text escaped, nothing fetched from outside. */
class RunReportTest {
  private static Confusion confusion;

  @TempDir Path dir;

  @BeforeAll
  static void score() {
    Dataset test = digits(90, 5);
    TrainSettings s = TrainSettings.builder().data("test").sizes(784, 8, 10).epochs(1).lambda(0.0).seed(3).partitions(2)
        .build().validate();
    JavaSparkContext sc = JavaSparkContext.fromSparkContext(SparkTestSession.get().sparkContext());
    try (CachedSet set = CachedSet.broadcast(sc, test, 2)) {
      confusion = Confusion.of(sc, set, s.spec(), Initializer.DEFAULT.init(s.spec().layout(), 3L), 24);
    }
    assertEquals(24, confusion.wrong().size(), "an untrained network gets most of 90 digits wrong");
  }

  private static Dataset digits(int n, long seed) {
    Random rnd = new Random(seed);
    byte[] px = new byte[n * 784];
    byte[] lb = new byte[n];
    rnd.nextBytes(px);
    for (int i = 0; i < n; i++) lb[i] = (byte) rnd.nextInt(10);
    return new Dataset(28, 28, px, lb);
  }

  private static LinkedHashMap<String, Object> settings() {
    LinkedHashMap<String, Object> m = new LinkedHashMap<>();
    m.put("sizes", new int[] {784, 8, 10});
    m.put("eta", 0.5);
    m.put("run_id", "<script>alert('x')</script> & \"more\"");
    return m;
  }

  private static List<EpochMetrics> epochs() {
    List<EpochMetrics> e = new ArrayList<>();
    e.add(new EpochMetrics(1, 1.0, 0.80, 0.90, 0.81, 0.85));
    e.add(new EpochMetrics(2, 1.0, 0.925, 0.55, 0.93, 0.50));
    e.add(new EpochMetrics(3, 1.0, 0.91, 0.60, 0.95, 0.45));
    return e;
  }

  private static int count(String s, String regex) {
    Matcher m = Pattern.compile(regex).matcher(s);
    int n = 0;
    while (m.find()) n++;
    return n;
  }

  @Test
  void everySectionWithCurves() throws IOException {
    Path curves = dir.resolve("curves.png");
    ImageIO.write(new BufferedImage(40, 30, BufferedImage.TYPE_INT_RGB), "png", curves.toFile());
    Path file = dir.resolve("run").resolve("report.html");
    RunReport.write(file, "Run <b>1</b>", settings(), epochs(), curves, confusion, 28, 28);
    String h = Files.readString(file);

    assertTrue(h.contains("<title>Run &lt;b&gt;1&lt;/b&gt;</title>"));
    for (String id : List.of("config", "metrics", "curves", "confusion", "wrong")) {
      assertTrue(h.contains("<section id=\"" + id + "\">"), id);
    }
    // configuration, escaped
    assertTrue(h.contains("<th>sizes</th><td>[784, 8, 10]</td>"));
    assertTrue(h.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;more&quot;"));
    assertFalse(h.toLowerCase().contains("<script"));
    assertFalse(h.contains("http://") || h.contains("https://"));
    // final and best metrics
    assertTrue(h.contains("Final (epoch 3)"));
    assertTrue(h.contains("<td>91.00%</td><td>0.6000</td><td>95.00%</td><td>0.4500</td>"));
    assertTrue(h.contains("<tr><th>test accuracy</th><td>92.50%</td><td>2</td></tr>"));
    assertTrue(h.contains("<tr><th>test cost</th><td>0.5500</td><td>2</td></tr>"));
    assertTrue(h.contains("<tr><th>train accuracy</th><td>95.00%</td><td>3</td></tr>"));
    assertTrue(h.contains("<tr><th>train cost</th><td>0.4500</td><td>3</td></tr>"));
    // curves embedded, 24 digits, 100 cells and the right totals
    assertEquals(1, count(h, "<img class=\"curves\"[^>]*src=\"data:image/png;base64,"));
    assertEquals(1 + 24, count(h, "<img "));
    assertEquals(count(h, "<img "), count(h, "src=\"data:image/png;base64,"));
    checkMatrix(h);
    checkFirstDigit(h);
    try (var files = Files.list(file.getParent())) {
      assertEquals(List.of(file), files.toList(), "no temporary file is left behind");
    }
  }

  @Test
  void absentCurvesAreSaidSoAndRewritingReplaces() throws IOException {
    Path file = dir.resolve("report.html");
    Files.writeString(file, "old");
    RunReport.write(file, "t", settings(), epochs(), null, confusion, 28, 28);
    String h = Files.readString(file);
    assertTrue(h.contains("No curves picture for this run."));
    assertEquals(24, count(h, "<img "));
    RunReport.write(file, "t", new LinkedHashMap<>(), List.of(), dir.resolve("missing.png"), confusion, 28, 28);
    h = Files.readString(file);
    assertTrue(h.contains("missing.png does not exist"));
    assertTrue(h.contains("No epoch finished."));
    assertTrue(h.contains("No settings were recorded."));
    checkMatrix(h);
  }

  private static void checkMatrix(String h) {
    assertEquals(100, count(h, "<td class=\"cell"));
    assertEquals(10, count(h, "<td class=\"cell ok\">"));
    long[] rows = new long[10];
    for (int t = 0; t < 10; t++) rows[t] = confusion.rowTotal(t);
    Matcher m = Pattern.compile("<tr><th>(\\d)</th>((?:<td class=\"cell[^\"]*\">\\d+</td>){10})<td class=\"total\">(\\d+)</td></tr>")
        .matcher(h);
    long sum = 0;
    int seen = 0;
    while (m.find()) {
      int t = Integer.parseInt(m.group(1));
      long rowSum = 0;
      Matcher cell = Pattern.compile(">(\\d+)</td>").matcher(m.group(2));
      int p = 0;
      while (cell.find()) {
        long v = Long.parseLong(cell.group(1));
        assertEquals(confusion.count(t, p++), v);
        rowSum += v;
      }
      assertEquals(rows[t], rowSum);
      assertEquals(rowSum, Long.parseLong(m.group(3)));
      sum += rowSum;
      seen++;
    }
    assertEquals(10, seen);
    assertEquals(90, sum);
    assertTrue(h.contains("<td class=\"total grand\">90</td>"));
  }

  /** The first digit's picture is 3x its size and shows its pixels (ink dark on white). */
  private static void checkFirstDigit(String h) throws IOException {
    Confusion.Miss first = confusion.wrong().get(0);
    String caption = "#" + first.index() + ": true " + first.label() + ", predicted " + first.predicted();
    assertTrue(h.contains("<figcaption>" + caption + "</figcaption>"));
    Matcher m = Pattern.compile("<figure><img [^>]*src=\"data:image/png;base64,([A-Za-z0-9+/=]+)\"").matcher(h);
    assertTrue(m.find());
    BufferedImage img = ImageIO.read(new ByteArrayInputStream(Base64.getDecoder().decode(m.group(1))));
    assertEquals(84, img.getWidth());
    assertEquals(84, img.getHeight());
    byte[] px = first.pixels();
    for (int p : new int[] {0, 29, 400, 783}) {
      int y = p / 28, x = p % 28;
      assertEquals(255 - (px[p] & 0xff), img.getRaster().getSample(3 * x + 2, 3 * y + 1, 0), "pixel " + p);
    }
  }
}
