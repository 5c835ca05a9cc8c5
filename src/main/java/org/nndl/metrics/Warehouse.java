package org.nndl.metrics;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A local directory holding every run: {@code ROOT/runs/RUN_ID/} for a run's own files and
 * {@code ROOT/tables/metrics/}, {@code ROOT/tables/runs/} for the Parquet tables, each
 * partitioned by {@code run_id=RUN_ID}. A run id is claimed by creating its directory
 * atomically, so two runs can never share an id (and hence never write the same partition).
 */
public final class Warehouse {
  /** Letters, digits and {@code ._-}; starts with a letter or digit so it is never hidden. */
  private static final Pattern RUN_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
  private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");
  /** Draws of a generated id before giving up: ten collisions in a row mean something else is wrong. */
  private static final int MAX_DRAWS = 10;

  private final Path root;

  public Warehouse(Path root) { this.root = root.toAbsolutePath().normalize(); }

  public Path root() { return root; }

  /** The directory of a run's own files (model.json etc.); exists once the id is claimed. */
  public Path runDir(String runId) { return root.resolve("runs").resolve(checkRunId(runId)); }

  /** Root of the per-epoch metrics table (see {@link MetricsTable}). */
  public Path metricsTable() { return root.resolve("tables").resolve("metrics"); }

  /** Root of the one-row-per-run settings table (see {@link RunsTable}). */
  public Path runsTable() { return root.resolve("tables").resolve("runs"); }

  /** The Hive-style partition directory a run writes into under a table root. */
  static Path partition(Path table, String runId) {
    return table.resolve("run_id=" + checkRunId(runId));
  }

  /** A readable, practically unique id: local time plus a random suffix. */
  public static String newRunId() {
    return STAMP.format(LocalDateTime.now())
        + String.format("-%04x", ThreadLocalRandom.current().nextInt(0x10000));
  }

  /**
   * Reserves {@code runId} for the caller by creating {@code ROOT/runs/RUN_ID} atomically.
   *
   * @return the run directory
   * @throws MetricsError if the id is malformed or already used in this warehouse
   */
  public Path claimRun(String runId) {
    Path dir = tryClaim(runId);
    if (dir == null) throw taken(runId);
    return dir;
  }

  /**
   * Reserves a generated id ({@link #newRunId}). Two runs started in the same second draw the
   * same id with probability 1/65536; the one that loses the atomic claim draws again instead of
   * failing, which a user-given id must not do (it is refused by {@link #claimRun}).
   *
   * @return the id claimed
   */
  public String claimNewRun() { return claimNewRun(Warehouse::newRunId); }

  String claimNewRun(Supplier<String> ids) {
    for (int draw = 0; draw < MAX_DRAWS; draw++) {
      String id = ids.get();
      if (tryClaim(id) != null) return id;
    }
    throw new MetricsError("no free run id in warehouse " + root + " after " + MAX_DRAWS
        + " draws: pass --run-id");
  }

  /** Creates the run directory atomically; null if the id is already taken. */
  private Path tryClaim(String runId) {
    Path dir = runDir(runId);
    try {
      try {
        Files.createDirectories(dir.getParent());
        Files.createDirectory(dir);
      } catch (NoSuchFileException emptiedMeanwhile) {  // runs/ removed by a concurrent forget(): once more
        Files.createDirectories(dir.getParent());
        Files.createDirectory(dir);
      }
    } catch (FileAlreadyExistsException e) {
      return null;
    } catch (IOException e) {
      throw new MetricsError("cannot create run directory " + dir + ": " + e
          + "; check that --warehouse " + root + " is a writable directory", e);
    }
    if (Files.exists(partition(metricsTable(), runId))
        || Files.exists(partition(runsTable(), runId))) {
      // Left behind by a run whose own directory was deleted: do not mix rows into it.
      try {
        Files.delete(dir);
      } catch (IOException ignored) {
        // the id stays claimed, which is also safe
      }
      return null;
    }
    return dir;
  }

  /**
   * Removes every trace of a run that failed before it finished: its folder and its rows in both
   * tables, so that a failed start never leaves a half-written run behind. Best effort.
   */
  public void forget(String runId) {
    for (Path p : new Path[] {partition(metricsTable(), runId), partition(runsTable(), runId), runDir(runId)}) {
      if (!Files.exists(p)) continue;
      try (Stream<Path> files = Files.walk(p)) {
        files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
      } catch (IOException ignored) {
        // what cannot be removed is reported by the next claim of the same id
      }
    }
    try {
      Files.deleteIfExists(runDir(runId).getParent());  // runs/ too when this was its only run: a fresh warehouse stays empty
    } catch (IOException othersOrBusy) {
      // other runs' folders are there (or it cannot be removed): it stays
    }
  }

  /** Fails unless {@code runId} was claimed, so tables are only written for owned ids. */
  void requireClaimed(String runId) {
    if (!Files.isDirectory(runDir(runId))) {
      throw new IllegalStateException("run id '" + runId + "' was not claimed in " + root
          + ": call Warehouse.claimRun first");
    }
  }

  private MetricsError taken(String runId) {
    return new MetricsError("run id '" + runId + "' already exists in warehouse " + root
        + ": choose another --run-id or a different --warehouse");
  }

  static String checkRunId(String runId) {
    if (runId == null || !RUN_ID.matcher(runId).matches()) {
      throw new MetricsError("bad run id '" + runId + "': use 1 to 64 letters, digits, '.', '_'"
          + " or '-', starting with a letter or digit");
    }
    return runId;
  }

  @Override
  public String toString() { return root.toString(); }
}
