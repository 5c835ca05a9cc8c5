package org.nndl.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Start-up as a user meets it: a tiny {@code ./submit train} and a {@code ./submit query}, each a
 * child process, against a bare Spark application ({@link BareStart}) launched through Spark's
 * launcher, as spark-submit would, with this JVM's own java options, class path and Spark
 * defaults but no class archive. Alternated round by round
 * (medians), after one untimed run of each command and the class archive built from it (see
 * src/main/sh/class-archive.sh).
 */
public final class StartupBench {
  private static final String QUERY = "SELECT run_id, epoch, test_accuracy FROM metrics";

  private final Path home;
  private final int rounds;

  /** @param home the project folder: submit, conf/ and target/nndl-spark.jar */
  public StartupBench(Path home, int rounds) {
    this.home = home;
    this.rounds = rounds;
  }

  public List<Measure> run() {
    Path wh = tempDir();
    try {
      return run(wh);
    } finally {
      delete(wh);
    }
  }

  /** Deletes a temporary folder and what it holds; one left behind is no error. */
  static void delete(Path dir) {
    try (var files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
    } catch (IOException ignored) {
      // a temporary folder left behind
    }
  }

  private List<Measure> run(Path wh) {
    List<String> train = List.of(home.resolve("submit").toString(), "train", "--train-limit", "100", "--test-limit",
        "100", "--epochs", "1", "--warehouse", wh.toString());
    List<String> query = List.of(home.resolve("submit").toString(), "query", "--warehouse", wh.toString(), QUERY);
    List<String> bare = bareCommand(ManagementFactory.getRuntimeMXBean().getInputArguments(),
        System.getProperty("java.home"), System.getProperty("java.class.path"), home);
    seconds(train);
    seconds(query);
    awaitClassArchives(home.resolve("target").resolve("class-archives"));
    double[] b = new double[rounds], t = new double[rounds], q = new double[rounds];
    for (int r = 0; r < rounds; r++) {
      b[r] = seconds(bare);
      t[r] = seconds(train);
      q[r] = seconds(query);
    }
    double bs = Timings.median(b), ts = Timings.median(t), qs = Timings.median(q);
    List<Measure> out = new ArrayList<>();
    out.add(Measure.of("start-up: bare Spark application (session, one-row job, stop), median of " + rounds, bs, "s"));
    out.add(Measure.of("start-up: tiny train (100/100 digits, 1 epoch), median of " + rounds, ts, "s"));
    out.add(Measure.of("start-up: query of the metrics table, median of " + rounds, qs, "s"));
    out.add(Measure.atMost("start-up: tiny train / bare Spark application", ts / bs, "x", 1.0));
    out.add(Measure.atMost("start-up: query / bare Spark application", qs / bs, "x", 0.7));
    return out;
  }

  /**
   * The bare application's command: this JVM's java and options without the class-archive ones
   * (a bare application has none), its class path, and Spark's launcher with the project's Spark
   * defaults, as a user's spark-submit runs an application (submit starts a local master's
   * command without the launcher).
   */
  static List<String> bareCommand(List<String> jvmOptions, String javaHome, String classPath, Path home) {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(javaHome, "bin", "java").toString());
    for (String o : jvmOptions) {
      if (o.startsWith("-XX:SharedArchiveFile") || o.startsWith("-XX:DumpLoadedClassList")
          || o.startsWith("-Dnndl.class-archive") || o.startsWith("-Xlog:cds")) continue;
      cmd.add(o);
    }
    cmd.addAll(List.of("-cp", classPath, "org.apache.spark.deploy.SparkSubmit",
        "--properties-file", home.resolve("conf").resolve("spark-defaults.conf").toString(),
        "--class", BareStart.class.getName(), home.resolve("target").resolve("nndl-spark.jar").toString()));
    return cmd;
  }

  /**
   * Waits (up to five minutes) until no class archive is being built in DIR: the builder works in
   * the background after a command's first run, and its dump would load the timed rounds.
   */
  static void awaitClassArchives(Path dir) {
    long deadline = System.nanoTime() + 300_000_000_000L;
    while (System.nanoTime() < deadline && building(dir)) {
      try {
        Thread.sleep(200);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("start-up bench interrupted", e);
      }
    }
  }

  private static boolean building(Path dir) {
    try (var files = Files.list(dir)) {
      return files.anyMatch(f -> f.getFileName().toString().endsWith(".lock"));
    } catch (IOException e) {
      return false;  // no folder: no archive built
    }
  }

  /** Runs a command to its end; its wall time in seconds. */
  static double seconds(List<String> command) {
    try {
      Path log = Files.createTempFile("nndl-bench-start", ".log");
      try {
        long t0 = System.nanoTime();
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        int code = p.waitFor();
        double s = (System.nanoTime() - t0) / 1e9;
        if (code != 0) {
          List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
          throw new IllegalStateException("bench: " + String.join(" ", command.subList(0, 2)) + "... exited with "
              + code + ": " + String.join(" | ", lines.subList(Math.max(0, lines.size() - 3), lines.size())));
        }
        return s;
      } finally {
        Files.deleteIfExists(log);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("bench: cannot run " + command.get(0) + " (" + e.getMessage() + ")", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("start-up bench interrupted", e);
    }
  }

  static Path tempDir() {
    try {
      return Files.createTempDirectory("nndl-bench-start");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a temporary warehouse for the start-up bench", e);
    }
  }
}
