package org.nndl.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nndl.SparkTestSession;
import org.nndl.metrics.Warehouse;

class CurvesTest {
  private final SparkSession spark = SparkTestSession.get();
  @TempDir Path dir;

  @Test
  void loadsWhatTheTableHolds() {
    Warehouse wh = new Warehouse(dir);
    Runs.write(spark, wh, "mon", 5.0, true, 3);
    RunCurve run = new CurveLoader(spark, wh).byIds(List.of("mon")).get(0);
    assertEquals(Runs.hyper(5.0), run.settings());
    assertEquals(3, run.points().size());
    EpochPoint p = run.points().get(1);
    assertEquals(2, p.epoch());
    assertEquals(0.66, p.testAccuracy(), 1e-12);
    assertEquals(1.0, p.testCost(), 1e-12);
    assertEquals(0.71, p.trainAccuracy(), 1e-12);
    assertEquals(0.5, p.trainCost(), 1e-12);
    assertNull(p.validationAccuracy());
  }

  @Test
  void monitoredRunShowsTestAndTrainInBothPanels() {
    Warehouse wh = new Warehouse(dir);
    Runs.write(spark, wh, "mon", 5.0, true, 5);
    CurvesChart.Rendered r = CurvesChart.render(new CurveLoader(spark, wh).byIds(List.of("mon")));
    BufferedImage img = r.image();
    assertEquals(CurvesChart.WIDTH, img.getWidth());
    assertEquals(CurvesChart.HEIGHT, img.getHeight());
    assertTrue(Pixels.distinctColours(img) > 10, "blank image");
    assertTrue(Pixels.count(img, new java.awt.geom.Rectangle2D.Double(0, 0, img.getWidth(), 48),
        java.awt.Color.BLACK) > 50, "title drawn above the panels");
    assertTrue(r.accuracyArea().getMaxX() <= CurvesChart.WIDTH / 2.0, "accuracy is the left panel");
    assertTrue(r.costArea().getMinX() >= CurvesChart.WIDTH / 2.0, "cost is the right panel");
    assertTrue(Pixels.count(img, r.accuracyArea(), CurvesChart.TEST) > 50, "test accuracy curve");
    assertTrue(Pixels.count(img, r.accuracyArea(), CurvesChart.TRAIN) > 50, "train accuracy curve");
    assertTrue(Pixels.count(img, r.costArea(), CurvesChart.TEST) > 50, "test cost curve");
    assertTrue(Pixels.count(img, r.costArea(), CurvesChart.TRAIN) > 50, "train cost curve");
  }

  @Test
  void unmonitoredRunHasNoTrainCurve() {
    Warehouse wh = new Warehouse(dir);
    Runs.write(spark, wh, "plain", 5.0, false, 5);
    CurvesChart.Rendered r = CurvesChart.render(new CurveLoader(spark, wh).byIds(List.of("plain")));
    assertTrue(Pixels.count(r.image(), r.accuracyArea(), CurvesChart.TEST) > 50);
    assertTrue(Pixels.count(r.image(), r.costArea(), CurvesChart.TEST) > 50);
    assertEquals(0, Pixels.count(r.image(), CurvesChart.TRAIN), "no train colour anywhere");
  }

  @Test
  void overlayHasOneColourPerRun() {
    Warehouse wh = new Warehouse(dir);
    Runs.write(spark, wh, "l0", 0.0, false, 4);
    Runs.write(spark, wh, "l1", 0.1, true, 4, 0.1);  // apart, else one hides the other
    List<RunCurve> runs = new CurveLoader(spark, wh).where("lambda >= 0");
    assertEquals(List.of("l0", "l1"), runs.stream().map(RunCurve::runId).toList());
    CurvesChart.Rendered r = CurvesChart.render(runs);
    for (int i = 0; i < 2; i++) {
      assertTrue(Pixels.count(r.image(), r.accuracyArea(), CurvesChart.PALETTE.get(i)) > 50, "run " + i);
      assertTrue(Pixels.count(r.image(), r.costArea(), CurvesChart.PALETTE.get(i)) > 50, "run " + i);
    }
  }

  /**
   * The first run monitored, the second not: in the accuracy panel the first run's colour draws
   * two curves (test solid, train dashed above it), the second run's colour one solid curve.
   * Columns where a colour shows a single line are the train curve's dash gaps.
   */
  @Test
  void overlayDrawsTrainDashedInTheRunColour() {
    Warehouse wh = new Warehouse(dir);
    Runs.write(spark, wh, "l0", 0.0, true, 4);
    Runs.write(spark, wh, "l1", 0.1, false, 4, 0.1);
    CurvesChart.Rendered r = CurvesChart.render(new CurveLoader(spark, wh).byIds(List.of("l0", "l1")));
    assertEquals(0, Pixels.count(r.image(), CurvesChart.PALETTE.get(2)), "no third run colour");
    int[] monitored = linesPerColumn(r.image(), r.accuracyArea(), CurvesChart.PALETTE.get(0));
    int[] plain = linesPerColumn(r.image(), r.accuracyArea(), CurvesChart.PALETTE.get(1));
    int drawn = monitored[1] + monitored[2];
    assertTrue(drawn > 300, "run 0 drawn across the panel: " + java.util.Arrays.toString(monitored));
    assertTrue(monitored[2] > drawn * 0.4, "run 0's train curve in its colour: " + java.util.Arrays.toString(monitored));
    assertTrue(monitored[1] > drawn * 0.15, "run 0's train curve dashed: " + java.util.Arrays.toString(monitored));
    assertEquals(0, plain[2] + plain[3], "run 1 has one curve: " + java.util.Arrays.toString(plain));
    assertTrue(plain[1] > 300, "run 1's test curve solid: " + java.util.Arrays.toString(plain));
  }

  /** How many columns of area show 0, 1, 2 and 3+ separate lines of colour c (runs more than 3px apart). */
  private static int[] linesPerColumn(BufferedImage img, java.awt.geom.Rectangle2D area, java.awt.Color c) {
    int[] columns = new int[4];
    for (int x = (int) area.getMinX() + 3; x < (int) area.getMaxX() - 3; x++) {
      int lines = 0, last = -100;
      for (int y = (int) area.getMinY() + 3; y < (int) area.getMaxY() - 3; y++) {
        if (Pixels.count(img, new java.awt.geom.Rectangle2D.Double(x - 2, y - 2, 5, 5), c) == 0) continue;
        if (y - last > 3) lines++;
        last = y;
      }
      columns[Math.min(lines, 3)]++;
    }
    return columns;
  }

  @Test
  void writeRunCurvesReplacesThePictureInTheRunFolder() throws Exception {
    Warehouse wh = new Warehouse(dir);
    Runs.write(spark, wh, "r", 5.0, true, 2);
    Path runDir = Path.of(wh.runDir("r").toUri());
    Curves.writeRunCurves(spark, wh, "r");
    assertTrue(Files.isRegularFile(runDir.resolve("curves.png")));
    Curves.writeRunCurves(spark, wh, "r");
    BufferedImage img = ImageIO.read(runDir.resolve("curves.png").toFile());
    assertEquals(CurvesChart.WIDTH, img.getWidth());
    assertEquals(CurvesChart.HEIGHT, img.getHeight());
    try (Stream<Path> files = Files.list(runDir)) {
      assertEquals(List.of("curves.png"), files.map(f -> f.getFileName().toString()).toList(),
          "no temporary file left");
    }
    assertFalse(Pixels.count(img, CurvesChart.TEST) == 0);
  }
}
