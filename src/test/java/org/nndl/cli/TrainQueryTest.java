package org.nndl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.univocity.parsers.csv.CsvParser;
import com.univocity.parsers.csv.CsvParserSettings;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nndl.data.DataSource;
import org.nndl.data.Dataset;
import org.nndl.net.ModelJson;
import org.nndl.net.Network2;

/** End to end on the bundled digits: train, then query, then check the saved model independently. */
class TrainQueryTest {
  @TempDir Path dir;

  @Test
  void trainThenQueryOnTheBundledDigits() throws Exception {
    String wh = dir.resolve("wh").toString();
    CliTest.Outcome t = CliTest.run("train", "--train-limit", "3000", "--test-limit", "1000", "--epochs", "3",
        "--monitor", "--warehouse", wh, "--run-id", "e2e");
    assertEquals(0, t.code(), t.err());
    assertTrue(t.err().contains("test acc = "), t.err());
    // local[2], m = 10, 3,000 samples: the automatic plan fuses the steps on one partition
    assertTrue(t.err().contains("plan: exact SGD, 1 partition, fused steps (m=10: one job per step would cost "), t.err());
    CliTest.Outcome planRow = CliTest.run("query", "--warehouse", wh, "--format", "csv",
        "SELECT partitions, plan FROM runs WHERE run_id = 'e2e'");
    assertEquals(0, planRow.code(), planRow.err());
    assertTrue(planRow.out().contains("1,\"exact SGD, 1 partition, fused steps (m=10"), planRow.out());

    CliTest.Outcome q = CliTest.run("query", "--warehouse", wh, "--format", "csv",
        "SELECT epoch, test_accuracy, test_cost, train_accuracy, n_train FROM metrics WHERE run_id = 'e2e' ORDER BY epoch");
    assertEquals(0, q.code(), q.err());
    CsvParserSettings settings = new CsvParserSettings();
    settings.setHeaderExtractionEnabled(true);
    List<String[]> rows = new CsvParser(settings).parseAll(new StringReader(q.out()));
    assertEquals(3, rows.size(), q.out());
    for (int i = 0; i < 3; i++) {
      assertEquals(String.valueOf(i + 1), rows.get(i)[0]);
      assertEquals("3000", rows.get(i)[4]);
    }
    double lastAccuracy = Double.parseDouble(rows.get(2)[1]);
    assertTrue(lastAccuracy > 0.85, "test accuracy after 3 epochs on 3,000 digits: " + lastAccuracy);

    // The saved model, run through the independent reference, scores what the table says.
    ModelJson.Model model = ModelJson.load(Path.of(wh, "runs", "e2e", "model.json"));
    Dataset test = DataSource.load("sample", dir, 0, 1000).test();
    double refAccuracy = new Network2(model.spec(), model.params()).accuracy(test) / (double) test.size();
    assertEquals(refAccuracy, lastAccuracy, 1e-12);
    double refCost = new Network2(model.spec(), model.params()).totalCost(test, 5.0);
    assertEquals(refCost, Double.parseDouble(rows.get(2)[2]), 1e-9);

    // the pictures beside the model: the report's confusion matrix covers the whole test set
    java.awt.image.BufferedImage curves = javax.imageio.ImageIO.read(Path.of(wh, "runs", "e2e", "curves.png").toFile());
    assertEquals(org.nndl.plot.CurvesChart.WIDTH, curves.getWidth());
    // drawn from this short, monitored run: test (blue) and train (red) curves in both panels
    java.awt.Rectangle left = new java.awt.Rectangle(0, 0, curves.getWidth() / 2, curves.getHeight());
    java.awt.Rectangle rightHalf = new java.awt.Rectangle(curves.getWidth() / 2, 0, curves.getWidth() / 2, curves.getHeight());
    for (java.awt.Rectangle panel : new java.awt.Rectangle[] {left, rightHalf}) {
      assertTrue(pixels(curves, panel, org.nndl.plot.CurvesChart.TEST) > 30, "test curve in " + panel);
      assertTrue(pixels(curves, panel, org.nndl.plot.CurvesChart.TRAIN) > 30, "train curve in " + panel);
    }
    String html = Files.readString(Path.of(wh, "runs", "e2e", "report.html"));
    assertTrue(html.contains("<td class=\"total grand\">1000</td>"), "the confusion matrix covers the test set");
    long right = Math.round(lastAccuracy * 1000);  // the metrics table and the confusion job agree
    assertTrue(html.contains(right + " of 1000 right"), "report says another accuracy than the table: " + right);
    assertTrue(!html.contains("<script"), "no scripts in the report");

    Path overlay = dir.resolve("overlay.png");
    CliTest.Outcome plot = CliTest.run("plot", "--warehouse", wh, "--runs", "e2e", "--out", overlay.toString());
    assertEquals(0, plot.code(), plot.err());
    assertEquals(curves.getWidth(), javax.imageio.ImageIO.read(overlay.toFile()).getWidth());
    CliTest.assertCleanRefusal(CliTest.run("plot", "--warehouse", wh, "--runs", "nope"), "no run 'nope'");

    // the report made again on request equals, in its confusion matrix, the one made by train, and its
    // curves, drawn from the table through SQL, are those train drew from the rows it appended
    byte[] trainCurves = Files.readAllBytes(Path.of(wh, "runs", "e2e", "curves.png"));
    Files.delete(Path.of(wh, "runs", "e2e", "report.html"));
    Files.delete(Path.of(wh, "runs", "e2e", "curves.png"));
    CliTest.Outcome report = CliTest.run("report", "--warehouse", wh, "--run-id", "e2e");
    assertEquals(0, report.code(), report.err());
    assertTrue(Files.readString(Path.of(wh, "runs", "e2e", "report.html")).contains(right + " of 1000 right"));
    assertTrue(java.util.Arrays.equals(trainCurves, Files.readAllBytes(Path.of(wh, "runs", "e2e", "curves.png"))),
        "train's curves.png differs from the one drawn from the table");
    CliTest.assertCleanRefusal(CliTest.run("report", "--warehouse", wh, "--run-id", "nope"), "no run 'nope'");

    CliTest.Outcome runs = CliTest.run("query", "--warehouse", wh, "--format", "json", "SELECT run_id, eta, lambda, data FROM runs");
    assertEquals(0, runs.code(), runs.err());
    assertTrue(runs.out().contains("\"run_id\":\"e2e\"") || runs.out().contains("\"run_id\" : \"e2e\""), runs.out());

    CliTest.Outcome again = CliTest.run("train", "--epochs", "1", "--warehouse", wh, "--run-id", "e2e");
    CliTest.assertCleanRefusal(again, "already exists");
    assertTrue(Files.exists(Path.of(wh, "runs", "e2e", "model.json")), "the first run's files are untouched");
  }

  private static int pixels(java.awt.image.BufferedImage img, java.awt.Rectangle r, java.awt.Color c) {
    int n = 0;
    for (int x = r.x; x < r.x + r.width; x++) {
      for (int y = r.y; y < r.y + r.height; y++) if ((img.getRGB(x, y) & 0xffffff) == (c.getRGB() & 0xffffff)) n++;
    }
    return n;
  }

  /** --expand trains on 5x the images read: n_train is that n, the one the update's weight decay uses. */
  @Test
  void expandRecordsTheNTheUpdateUses() {
    String wh = dir.resolve("wh").toString();
    CliTest.Outcome t = CliTest.run("train", "--train-limit", "120", "--test-limit", "50", "--sizes", "784,5,10",
        "--epochs", "1", "--expand", "--warehouse", wh, "--run-id", "five");
    assertEquals(0, t.code(), t.err());
    CliTest.Outcome q = CliTest.run("query", "--warehouse", wh, "--format", "csv",
        "SELECT m.n_train, r.n_train FROM metrics m JOIN runs r USING (run_id)");
    assertEquals(0, q.code(), q.err());
    assertEquals(List.of("n_train,n_train", "600,600"), q.out().lines().toList());
  }

  @Test
  void syncEveryEpochLearnsAndIsRecorded() throws Exception {
    String wh = dir.resolve("wh").toString();
    CliTest.Outcome t = CliTest.run("train", "--train-limit", "3000", "--test-limit", "1000", "--epochs", "4",
        "--sync-every", "epoch", "--partitions", "2", "--warehouse", wh, "--run-id", "sync");
    assertEquals(0, t.code(), t.err());
    CliTest.Outcome q = CliTest.run("query", "--warehouse", wh, "--format", "csv",
        "SELECT m.test_accuracy, r.sync_every FROM metrics m JOIN runs r USING (run_id) WHERE m.epoch = 4");
    assertEquals(0, q.code(), q.err());
    String[] row = q.out().lines().skip(1).findFirst().orElseThrow().split(",");
    assertEquals("epoch", row[1]);
    assertTrue(Double.parseDouble(row[0]) > 0.8, q.out());
  }

  @Test
  void aDivergingRunStopsKeepsItsMetricsAndFiniteParameters() throws Exception {
    String wh = dir.resolve("wh").toString();
    CliTest.Outcome t = CliTest.run("train", "--train-limit", "500", "--test-limit", "200", "--epochs", "3",
        "--activation", "relu", "--cost", "quadratic", "--eta", "1e6", "--warehouse", wh, "--run-id", "boom");
    assertEquals(3, t.code(), t.err());
    assertTrue(t.err().contains("diverged"), t.err());
    ModelJson.Model model = ModelJson.load(Path.of(wh, "runs", "boom", "model.json"));
    for (double p : model.params()) assertTrue(Double.isFinite(p));
  }
}
