package org.nndl.cli;

import java.util.Map;
import java.util.Objects;
import org.apache.hadoop.fs.Path;
import java.util.Set;
import java.util.concurrent.Callable;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.nndl.data.Sessions;
import org.nndl.error.UserError;
import org.nndl.train.FrameSets;
import org.nndl.train.TrainingSets;
import org.nndl.checkpoint.Checkpoint;
import org.nndl.checkpoint.CheckpointStore;
import org.nndl.compute.Warmup;
import org.nndl.data.DataSource;
import org.nndl.data.FrameSource;
import org.nndl.metrics.MetricsError;
import org.nndl.metrics.MetricsTable;
import org.nndl.metrics.Warehouse;
import org.nndl.run.StopSignal;
import org.nndl.run.TrainRun;
import org.nndl.train.TrainSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code train}: one run, from settings (or its last checkpoint, with --resume) to model.json and metrics rows. */
@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Train the network on Spark; per-epoch metrics go to the warehouse's tables.",
    footer = "Defaults come from conf/nndl.properties.")
final class TrainCommand implements Callable<Integer> {
  /** The options --resume takes with any value: where the run is, not what it trains (that comes from the checkpoint). */
  private static final Set<String> RESUME_OPTIONS = Set.of("--resume", "--run-id", "--warehouse", "--cache",
      "--checkpoint-dir", "--checkpoint-every");

  @Mixin TrainOptions options;
  @Mixin WarehouseOption warehouse;
  @Option(names = "--run-id", description = "name of this run (default: a timestamp)")
  String runId;
  @Mixin CacheOption cache;
  @Option(names = "--checkpoint-every", paramLabel = "K",
      description = "save a checkpoint every K epochs (and at a stop), 0 = never (default: ${DEFAULT-VALUE})")
  int checkpointEvery;
  @Option(names = "--checkpoint-dir", paramLabel = "URI",
      description = "folder of the checkpoints, any Hadoop file system (default: the run's folder, checkpoints/)")
  String checkpointDir;
  @Option(names = "--resume", description = "continue run --run-id from its last checkpoint, with the settings it was started with")
  boolean resume;
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    if (checkpointEvery < 0) throw new UserError("--checkpoint-every " + checkpointEvery + ": use 0 for never or a positive number of epochs");
    return resume ? resume() : start();
  }

  private int start() {
    TrainSettings s = options.settings();
    FrameSets frames = options.frames(s.data());
    if (!FrameSource.isFrame(s.data())) DataSource.locate(s.data(), cache.path);  // a missing file is refused before Spark starts
    Warehouse wh = warehouse.open();
    // A generated id that a run started in the same second also drew is drawn again; a given one is refused.
    String id = runId != null ? runId : wh.claimNewRun();
    Path runDir = runId != null ? wh.claimRun(id) : wh.runDir(id);
    TrainRun run = new TrainRun(wh, id, s, options.values(), checkpointLocation(runDir), checkpointEvery);
    boolean started = false;
    try (StopSignal stop = StopSignal.install()) {  // from here on a signal stops the command, never kills it mid-write
      // a local master's executor is this JVM: its kernel compiles while Spark starts
      if (new SparkConf().get("spark.master", "local[*]").startsWith("local")) Warmup.start(s.spec(), s.batchSize());
      SparkSession spark = Sessions.getOrCreate("nndl-spark train " + id);
      JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
      try (TrainingSets sets = TrainingSets.open(sc, s, frames, cache.path)) {
        int code = RunConsole.start(run, spark, sc, sets, stop, s.epochs(), id, wh, checkpointEvery > 0);
        started = true;
        return code;
      }
    } finally {
      // A run that failed before its first epoch leaves nothing behind; a later crash keeps its epochs.
      if (!started && !run.anyEpoch()) wh.forget(id);
    }
  }

  private int resume() {
    if (runId == null) throw new UserError("--resume needs the --run-id of the run to continue");
    Warehouse wh = warehouse.open();
    Path runDir = wh.runDir(runId);
    if (!wh.isDirectory(runDir)) {
      throw new MetricsError("no run '" + runId + "' in warehouse " + wh.root() + " to resume: check --run-id and --warehouse");
    }
    wh.requireOwner(runId, "resume it");
    if (wh.exists(TrainRun.endedMarker(runDir))) {
      throw new MetricsError("run '" + runId + "' already ended (" + TrainRun.ended(wh, runDir)
          + "): nothing to resume; start a new run to train more");
    }
    String location = checkpointLocation(runDir);
    try (StopSignal stop = StopSignal.install()) {  // before Spark starts: a signal at any moment stops the command
      return resume(wh, location, stop);
    }
  }

  /** Continues run --run-id from its last checkpoint in location. */
  private int resume(Warehouse wh, String location, StopSignal stop) {
    SparkSession spark = Sessions.getOrCreate("nndl-spark train " + runId + " (resumed)");
    JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    CheckpointStore store = new CheckpointStore(location, sc.hadoopConfiguration());
    Checkpoint c = store.latest();
    if (c == null) {
      throw new MetricsError("run '" + runId + "' has no checkpoint in " + store.location() + " (it stopped before its"
          + " first one, or --checkpoint-dir differs): start it again as a new run");
    }
    checkUnchanged(c.options());
    TrainOptions saved = TrainOptions.of(c.options());
    TrainSettings s = saved.settings();
    int dropped = new MetricsTable(wh).dropEpochsAfter(spark, runId, c.state().epochsDone());
    System.err.println("resuming run " + runId + " after epoch " + c.state().epochsDone() + " of " + s.epochs()
        + (dropped > 0 ? " (" + dropped + " later metrics row(s) removed: those epochs run again)" : ""));
    TrainRun run = new TrainRun(wh, runId, s, c.options(), location, checkpointEvery);
    try (TrainingSets sets = TrainingSets.open(sc, s, saved.frames(s.data()), cache.path)) {
      return RunConsole.resume(run, spark, sc, sets, c.state(), stop, s.epochs(), runId, wh, checkpointEvery > 0);
    }
  }

  /**
   * The run's own command with --resume added is accepted: an option given with --resume must have
   * the value the run was started with, compared as parsed (so 0.50 equals 0.5); a real change is
   * refused, naming both values.
   */
  private void checkUnchanged(Map<String, String> stored) {
    Map<String, String> given = options.values();
    for (String name : spec.commandLine().getParseResult().matchedOptions().stream().map(o -> o.longestName()).toList()) {
      if (RESUME_OPTIONS.contains(name)) continue;
      String was = stored.get(name);
      String now = given.get(name);
      if (!Objects.equals(was, now)) {
        throw new UserError(name + " cannot be changed by --resume: run '" + runId + "' was started with "
            + name + " " + (was == null ? "(not stored)" : "'" + was + "'") + ", not '" + now
            + "' (drop " + name + " or give its old value, or start a new run)");
      }
    }
  }

  /** Where this run's checkpoints go: --checkpoint-dir/RUN_ID, or the run's folder. */
  private String checkpointLocation(Path runDir) {
    return checkpointDir == null || checkpointDir.isBlank()
        ? new Path(runDir, "checkpoints").toString()
        : checkpointDir.replaceAll("/+$", "") + "/" + runDir.getName();
  }
}
