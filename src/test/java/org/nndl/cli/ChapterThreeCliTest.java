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
import org.nndl.train.Schedule;

/** The chapter-3 flags from the command line: validation columns, early stopping, eta schedule, sweep. */
class ChapterThreeCliTest {
  private static final String[] SMALL = {"--data", "sample", "--train-limit", "400", "--test-limit", "200",
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

  /** Early stopping and the halving schedule, replayed independently from the recorded validation accuracies. */
  @Test
  void validationColumnsAndTheEtaInForceFollowTheSchedule() {
    String wh = dir.resolve("wh").toString();
    String[] train = new String[] {"train"};
    CliTest.Outcome t = CliTest.run(concat(train, small("--validation", "150", "--epochs", "8", "--eta", "3",
        "--eta-schedule", "halve", "--patience", "1", "--early-stop", "3", "--activation", "sigmoid", "--output", "softmax",
        "--cost", "log-likelihood", "--warehouse", wh, "--run-id", "sched")));
    assertEquals(0, t.code(), t.err());
    CliTest.Outcome q = CliTest.run("query", "--warehouse", wh, "--format", "csv",
        "SELECT epoch, validation_accuracy, epoch_eta, eta, output, n_train FROM metrics WHERE run_id = 'sched' ORDER BY epoch");
    List<String[]> rows = csv(q.out());
    Schedule replay = new Schedule(3, 1, Schedule.State.start(3.0));
    Schedule.Decision last = Schedule.Decision.CONTINUE;
    for (int i = 0; i < rows.size(); i++) {
      String[] r = rows.get(i);
      assertEquals(String.valueOf(i + 1), r[0]);
      assertEquals(replay.eta(), Double.parseDouble(r[2]), 0.0, "eta in force in epoch " + r[0]);
      assertEquals("3.0", r[3]);
      assertEquals("softmax", r[4]);
      assertEquals("400", r[5]);  // the first 400 of the 8,000 - 150 left for training
      last = replay.afterEpoch(Double.parseDouble(r[1]));
      if (i < rows.size() - 1) assertEquals(Schedule.Decision.CONTINUE, last, "epoch " + r[0]);
    }
    if (rows.size() < 8) {
      assertTrue(last != Schedule.Decision.CONTINUE);
      assertTrue(t.err().contains("stopped early after " + rows.size()), t.err());
    }
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
