package org.nndl.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nndl.SparkTestSession;
import org.nndl.metrics.Query;
import org.nndl.metrics.Warehouse;

/**
 * A driver killed (SIGKILL) or stopped (SIGTERM) mid-run, then {@code --resume}d, ends with the
 * same parameters, bit for bit, and the same metrics rows as a run never interrupted. The run to
 * kill is a separate JVM: the real thing, not a simulation.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ResumeTest {
  /** Momentum and the halving schedule on a validation set: optimizer and schedule state must both survive. */
  private static final String[] RUN = {"train", "--data", "sample", "--train-limit", "600", "--test-limit", "200",
      "--validation", "100", "--sizes", "784,12,10", "--epochs", "5", "--partitions", "2", "--momentum", "0.5",
      "--eta", "0.2", "--eta-schedule", "halve", "--patience", "1", "--dropout", "0.2", "--seed", "3"};

  @TempDir static Path dir;  // static: filled before @BeforeAll
  private Path wh;

  /** The uninterrupted run both interrupted ones must equal. */
  @BeforeAll
  void trainWhole() {
    wh = dir.resolve("wh");
    CliTest.Outcome whole = CliTest.run(with("--warehouse", wh.toString(), "--run-id", "whole"));
    assertEquals(0, whole.code(), whole.err());
  }

  @ParameterizedTest
  @ValueSource(strings = {"KILL", "TERM"})
  void aResumedRunEqualsAnUninterruptedOne(String signal) throws Exception {
    String id = "cut-" + signal;
    Path log = Files.createTempFile(dir, "child-" + signal, ".log");
    Process child = CliTest.child(log, with("--warehouse", wh.toString(), "--run-id", id));
    // The first checkpoint written: a checkpoint still waiting when a newer one comes is skipped
    // (RowWriter), so which epoch's is first depends on the machine's speed.
    Path checkpoints = wh.resolve("runs/" + id + "/checkpoints");
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(900);  // a busy machine takes minutes to start Spark
    while (!hasCheckpoint(checkpoints) && child.isAlive() && System.nanoTime() < deadline) Thread.sleep(20);
    assertTrue(child.isAlive(), "the child run ended before it could be interrupted; its output:\n" + Files.readString(log));
    assertTrue(hasCheckpoint(checkpoints), "no checkpoint within 15 minutes; the child's output:\n" + Files.readString(log));
    if (signal.equals("KILL")) child.destroyForcibly(); else child.destroy();
    int code = child.waitFor();
    assertEquals(signal.equals("KILL") ? 137 : 143, code, "the child's output:\n" + Files.readString(log));
    assertFalse(Files.exists(wh.resolve("runs/" + id + "/ENDED")));

    CliTest.Outcome resumed = CliTest.run("train", "--resume", "--run-id", id, "--warehouse", wh.toString());
    assertEquals(0, resumed.code(), resumed.err());
    assertTrue(resumed.err().contains("resuming run " + id + " after epoch "), resumed.err());

    assertArrayEquals(Files.readAllBytes(wh.resolve("runs/whole/model.json")), Files.readAllBytes(wh.resolve("runs/" + id + "/model.json")));
    assertEquals(rows(wh, "whole"), rows(wh, id));
  }

  @Test
  void resumeRefusesChangedSettingsAndFinishedOrUnknownRuns() throws Exception {
    Path wh = dir.resolve("wh2");
    CliTest.assertCleanRefusal(CliTest.run("train", "--resume", "--run-id", "nope", "--warehouse", wh.toString()), "no run 'nope'");
    CliTest.Outcome done = CliTest.run("train", "--data", "sample", "--train-limit", "100", "--test-limit", "50",
        "--sizes", "784,5,10", "--epochs", "1", "--warehouse", wh.toString(), "--run-id", "done");
    assertEquals(0, done.code(), done.err());
    CliTest.assertCleanRefusal(CliTest.run("train", "--resume", "--run-id", "done", "--warehouse", wh.toString()), "already ended");
  }

  /** What users try first: the command that started the run, with --resume added. */
  @Test
  void resumeAcceptsTheCommandItWasStartedWithAndRefusesARealChange() throws Exception {
    Path wh = dir.resolve("wh4");
    List<String> start = List.of("train", "--data", "sample", "--train-limit", "100", "--test-limit", "50",
        "--sizes", "784,5,10", "--epochs", "2", "--eta", "0.50", "--monitor", "--warehouse", wh.toString(), "--run-id", "again");
    CliTest.Outcome first = CliTest.run(start.toArray(String[]::new));
    assertEquals(0, first.code(), first.err());
    Files.delete(wh.resolve("runs/again/ENDED"));  // as if stopped after its last checkpoint

    List<String> changed = new ArrayList<>(start);
    changed.set(changed.indexOf("0.50"), "0.25");
    changed.add("--resume");
    CliTest.assertCleanRefusal(CliTest.run(changed.toArray(String[]::new)),
        "--eta cannot be changed by --resume: run 'again' was started with --eta '0.5', not '0.25'");

    List<String> same = new ArrayList<>(start);
    same.add("--resume");
    CliTest.Outcome resumed = CliTest.run(same.toArray(String[]::new));
    assertEquals(0, resumed.code(), resumed.err());
    assertTrue(resumed.err().contains("resuming run again after epoch 2"), resumed.err());
  }

  @Test
  void aDamagedCheckpointIsRefusedInOneLine() throws Exception {
    Path wh = dir.resolve("wh3");
    Files.createDirectories(wh.resolve("runs/hurt/checkpoints"));
    Files.write(wh.resolve("runs/hurt/checkpoints/epoch-000001.ckpt"), "nndl-checkpoint 1 10 0\n{\"x\":1}".getBytes());
    CliTest.assertCleanRefusal(CliTest.run("train", "--resume", "--run-id", "hurt", "--warehouse", wh.toString()),
        "cannot be used");
  }

  /** The metrics rows that must match: everything but the wall-clock seconds, by epoch. */
  private static List<String> rows(Path wh, String id) {
    List<String> out = new ArrayList<>();
    for (Row r : Query.run(SparkTestSession.get(), new Warehouse(wh), "SELECT epoch, test_accuracy, test_cost,"
        + " validation_accuracy, validation_cost, epoch_eta FROM metrics WHERE run_id = '" + id + "' ORDER BY epoch")
        .collectAsList()) {
      out.add(r.toString());
    }
    return out;
  }

  private static String[] with(String... more) {
    List<String> a = new ArrayList<>(List.of(RUN));
    a.addAll(List.of(more));
    return a.toArray(String[]::new);
  }

  private static boolean hasCheckpoint(Path checkpoints) throws IOException {
    if (!Files.isDirectory(checkpoints)) return false;
    try (Stream<Path> files = Files.list(checkpoints)) {
      return files.anyMatch(f -> f.getFileName().toString().matches("epoch-\\d+\\.ckpt"));
    }
  }
}
