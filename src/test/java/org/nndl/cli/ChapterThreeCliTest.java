package org.nndl.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
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

/** The chapter-3 flags from the command line: validation columns, early stopping, eta schedule, sweep. */
class ChapterThreeCliTest {
  private static final String[] SMALL = {"--data", "sample", "--train-limit", "200", "--test-limit", "100",
      "--sizes", "784,10,10", "--partitions", "2", "--seed", "5"};

  @TempDir Path dir;

  private static String[] small(String... more) {
    String[] a = java.util.Arrays.copyOf(SMALL, SMALL.length + more.length);
    System.arraycopy(more, 0, a, SMALL.length, more.length);
    return a;
  }

  private static List<String[]> csv(String text) {
    CsvParserSettings settings = new CsvParserSettings();
    settings.setHeaderExtractionEnabled(true);
    settings.setNullValue("");
    return new CsvParser(settings).parseAll(new StringReader(text));
  }

  /**
   * Early stopping and the halving schedule, replayed by hand from the recorded validation
   * accuracies (the book's rule, not the production {@code Schedule}). A learning rate too small to
   * change any prediction keeps validation accuracy flat, so every epoch after the first is "no
   * better": with patience 1 eta halves after each, and early stopping after 3 ends the run at epoch 4.
   */
  @Test
  void validationColumnsAndTheEtaInForceFollowTheSchedule() {
    String wh = dir.resolve("wh").toString();
    double eta0 = 1e-6;
    int patience = 1, earlyStop = 3, epochs = 6;
    CliTest.Outcome t = CliTest.run(concat(new String[] {"train"}, small("--validation", "150", "--epochs", "" + epochs,
        "--eta", "" + eta0, "--eta-schedule", "halve", "--patience", "" + patience, "--early-stop", "" + earlyStop,
        "--activation", "sigmoid", "--output", "softmax", "--cost", "log-likelihood", "--warehouse", wh, "--run-id", "sched")));
    assertEquals(0, t.code(), t.err());
    CliTest.Outcome q = CliTest.run("query", "--warehouse", wh, "--format", "csv",
        "SELECT epoch, validation_accuracy, epoch_eta, eta, output, n_train FROM metrics WHERE run_id = 'sched' ORDER BY epoch");
    List<String[]> rows = csv(q.out());
    double eta = eta0, best = -1;
    int sinceBest = 0, sinceChange = 0, halvings = 0, stopAfter = 0;
    for (int i = 0; i < rows.size() && stopAfter == 0; i++) {
      String[] r = rows.get(i);
      assertEquals(String.valueOf(i + 1), r[0]);
      assertEquals(eta, Double.parseDouble(r[2]), 0.0, "eta in force in epoch " + r[0]);
      assertEquals(eta0, Double.parseDouble(r[3]), 0.0);
      assertEquals("softmax", r[4]);
      assertEquals("200", r[5]);  // the first 200 of the 8,000 - 150 left for training
      double accuracy = Double.parseDouble(r[1]);
      if (accuracy > best) {
        best = accuracy;
        sinceBest = 0;
        sinceChange = 0;
      } else {
        sinceBest++;
        if (++sinceChange == patience) {
          eta /= 2;
          halvings++;
          sinceChange = 0;
        }
      }
      if (sinceBest == earlyStop) stopAfter = i + 1;
    }
    assertEquals(4, stopAfter, "validation accuracy stayed flat, so the run stops after 1 + 3 epochs");
    assertEquals(3, halvings, "eta halved after epochs 2, 3 and 4");
    assertEquals(stopAfter, rows.size(), "no epoch after the early stop");
    assertTrue(t.err().contains("stopped early after " + stopAfter), t.err());
  }

  @Test
  void sweepTrainsEachCombinationAsItsOwnRunAndRanksThem() throws Exception {
    String wh = dir.resolve("wh2").toString();
    CliTest.Outcome s = CliTest.run(concat(new String[] {"sweep"}, small("--validation", "100", "--epochs", "2",
        "--eta", "0.1,2", "--lambda", "0,3", "--warehouse", wh, "--sweep-id", "sw", "--format", "csv")));
    assertEquals(0, s.code(), s.err());
    List<String[]> table = csv(s.out());
    assertEquals(4, table.size(), s.out());
    // each row's best equals the run's own metrics, checked by a separate query; ranked best first
    double previous = 1.0;
    for (String[] r : table) {
      CliTest.Outcome q = CliTest.run("query", "--warehouse", wh, "--format", "csv",
          "SELECT max(validation_accuracy) FROM metrics WHERE run_id = '" + r[0] + "'");
      assertEquals(Double.parseDouble(csv(q.out()).get(0)[0]), Double.parseDouble(r[3]), 0.0);
      assertTrue(Double.parseDouble(r[3]) <= previous);
      previous = Double.parseDouble(r[3]);
    }
    // a combination trained by the sweep equals the same settings trained alone, bit for bit
    CliTest.Outcome alone = CliTest.run(concat(new String[] {"train"}, small("--validation", "100", "--epochs", "2",
        "--eta", "2", "--lambda", "3", "--warehouse", wh, "--run-id", "alone")));
    assertEquals(0, alone.code(), alone.err());
    assertArrayEquals(Files.readAllBytes(Path.of(wh, "runs", "alone", "model.json")),
        Files.readAllBytes(Path.of(wh, "runs", "sw-eta2-lambda3", "model.json")));
  }

  @Test
  void settingsThatDoNotFitAreRefusedInOneLine() {
    String wh = dir.resolve("wh3").toString();
    CliTest.assertCleanRefusal(CliTest.run(concat(new String[] {"train"}, small("--early-stop", "2", "--warehouse", wh))),
        "add --validation N");
    CliTest.assertCleanRefusal(CliTest.run(concat(new String[] {"train"}, small("--momentum", "0.9", "--sync-every", "10",
        "--warehouse", wh))), "--momentum needs --sync-every exact");
    CliTest.assertCleanRefusal(CliTest.run(concat(new String[] {"train"}, small("--activation", "tanh", "--warehouse", wh))),
        "--output softmax");
    CliTest.assertCleanRefusal(CliTest.run(concat(new String[] {"train"}, small("--eta", "0.1,0.2", "--warehouse", wh))),
        "./submit sweep");
    CliTest.assertCleanRefusal(CliTest.run(concat(new String[] {"train"}, small("--validation", "8000", "--warehouse", wh))),
        "hold out fewer");
    CliTest.assertCleanRefusal(CliTest.run(concat(new String[] {"sweep"}, small("--eta", "0.1,0.2", "--warehouse", wh))),
        "add --validation N");
  }

  private static String[] concat(String[] a, String[] b) {
    String[] c = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, c, a.length, b.length);
    return c;
  }
}
