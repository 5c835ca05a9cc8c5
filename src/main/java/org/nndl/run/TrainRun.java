package org.nndl.run;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import org.apache.hadoop.fs.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.nndl.train.TrainingSets;
import org.nndl.checkpoint.Checkpoint;
import org.nndl.checkpoint.CheckpointStore;
import org.nndl.data.Shift;
import org.nndl.metrics.EpochMetrics;
import org.nndl.metrics.MetricsTable;
import org.nndl.metrics.RunsTable;
import org.nndl.metrics.Warehouse;
import org.nndl.net.ModelJson;
import org.nndl.plot.RunCurve;
import org.nndl.train.TrainSettings;
import org.nndl.train.TrainState;
import org.nndl.train.Trainer;

/**
 * One claimed run trained on opened sets, fresh or resumed: each finished epoch's metrics row is
 * appended, then (every K epochs, and at a stop) a checkpoint written; at the end model.json, the
 * pictures, an "ended" marker unless it was stopped, and a one-line report. Shared by train and sweep.
 */
public final class TrainRun {
  private final Warehouse wh;
  private final String id;
  private final TrainSettings s;
  private final Map<String, String> options;
  private final String checkpoints;
  private final int checkpointEvery;
  private volatile boolean anyEpoch;  // set by the row writer

  public TrainRun(Warehouse wh, String id, TrainSettings s, Map<String, String> options, String checkpoints, int checkpointEvery) {
    this.wh = wh;
    this.id = id;
    this.s = s;
    this.options = options;
    this.checkpoints = checkpoints;
    this.checkpointEvery = checkpointEvery;
  }

  /** True once an epoch's row was written: from then on a failure keeps the run. */
  public boolean anyEpoch() { return anyEpoch; }

  /** The runs table's row: every setting plus the set sizes, the master and the plan. */
  private void writeRunRow(SparkSession spark, JavaSparkContext sc, TrainingSets sets) {
    new RunsTable(wh).write(spark, id, runRow(sc, sets));
  }

  private LinkedHashMap<String, Object> runRow(JavaSparkContext sc, TrainingSets sets) {
    LinkedHashMap<String, Object> row = s.all();
    row.put("n_train", trainN(sets));
    row.put("n_test", sets.testSize());
    row.put("n_validation", sets.validationSize());
    row.put("master", sc.master());
    if (sets.plan() != null) {
      row.put("partitions", sets.plan().trainPartitions());  // the training set's, as the plan chose them
      row.put("plan", sets.plan().text());
    }
    return row;
  }

  /** The n the update used (in its weight decay eta*lambda/n): the images trained on, 5x with --expand. */
  private int trainN(TrainingSets sets) {
    return Math.multiplyExact(sets.trainSize(), s.techniques().expand() ? Shift.COPIES : 1);
  }

  /** How a run ended: the trainer's result, where the model is, and the stop request it watched. */
  public record Outcome(Trainer.Result result, Path model, StopSignal stop) {}

  /** A fresh run: its runs-table row, the initial parameters drawn from the seed, then training from epoch 1. */
  public Outcome start(SparkSession spark, JavaSparkContext sc, TrainingSets sets, StopSignal stop,
      Consumer<EpochMetrics> progress) {
    double[] params = s.init().init(s.spec().layout(), s.seed());
    return train(spark, sc, sets, TrainState.start(params, s.eta()), stop, progress, () -> writeRunRow(spark, sc, sets));
  }

  /**
   * Trains from state to the end (or a stop); progress sees each finished epoch's row. A stop seen
   * after the training loop still lets the model be saved and the run marked ended, but skips the
   * pictures (./submit report makes them later).
   */
  public Outcome train(SparkSession spark, JavaSparkContext sc, TrainingSets sets, TrainState start, StopSignal stop,
      Consumer<EpochMetrics> progress) {
    return train(spark, sc, sets, start, stop, progress, () -> {});
  }

  /** As above; first is written before the epochs' rows, while the first epoch trains (a fresh run's runs row). */
  private Outcome train(SparkSession spark, JavaSparkContext sc, TrainingSets sets, TrainState start, StopSignal stop,
      Consumer<EpochMetrics> progress, Runnable first) {
    CheckpointStore store = checkpointEvery > 0 ? new CheckpointStore(checkpoints, sc.hadoopConfiguration()) : null;
    MetricsTable metrics = new MetricsTable(wh);
    LinkedHashMap<String, Object> hyper = s.hyperparameters();
    hyper.put("n_train", trainN(sets));
    List<EpochMetrics> rows = new ArrayList<>();  // this session's rows, for the pictures
    TrainState[] last = {null};
    int[] saved = {start.epochsDone()};
    int[] queued = {start.epochsDone()};  // the epoch of the last checkpoint queued
    Trainer.Result result;
    try (RowWriter<EpochMetrics> writer = new RowWriter<>(epochs -> {
      metrics.append(spark, id, hyper, epochs);
      anyEpoch = true;
    }, RowWriter.RUN_INTERVAL_NANOS)) {
      writer.submit(first);
      result = new Trainer(sc, s).run(sets, start, stop::requested, (m, state) -> {
        writer.row(m);  // the row first: a checkpoint never runs ahead of the table
        if (store != null && state != null && checkpointDue(checkpointEvery, s.epochs(), queued[0], state.epochsDone())) {
          queued[0] = state.epochsDone();
          writer.checkpoint(() -> {
            store.write(new Checkpoint(id, options, state));
            saved[0] = state.epochsDone();
          });
        }
        rows.add(m);
        if (state != null) last[0] = state;
        progress.accept(m);
      });
      writer.drain();
    }
    if (result.status() == Trainer.Status.STOPPED && store != null && last[0] != null && saved[0] < last[0].epochsDone()) {
      store.write(new Checkpoint(id, options, last[0]));  // --resume then loses no finished epoch
    }
    Path model = modelFile(wh.runDir(id));
    // The model is the network evaluation uses: with dropout, the weights out of hidden neurons scaled by 1 - p.
    double[] full = s.dropout().inference(s.spec().layout(), result.params());
    wh.writeAtomically(model, ModelJson.bytes(s.spec(), full));
    if (result.status() != Trainer.Status.STOPPED) markEnded(result);
    if (result.status() != Trainer.Status.STOPPED && !stop.requested()) pictures(spark, sc, sets, start, metrics, hyper, rows, full);
    return new Outcome(result, model, stop);
  }

  /** curves.png and report.html; one that cannot be made is a warning naming it: the model and rows are saved. */
  private void pictures(SparkSession spark, JavaSparkContext sc, TrainingSets sets, TrainState start, MetricsTable metrics,
      LinkedHashMap<String, Object> hyper, List<EpochMetrics> rows, double[] full) {
    List<EpochMetrics> epochs = new ArrayList<>();
    if (start.epochsDone() > 0) {  // a resumed run: its earlier rows from the table
      metrics.epochs(spark, id).stream().filter(e -> e.epoch() <= start.epochsDone()).forEach(epochs::add);
    }
    epochs.addAll(rows);
    if (epochs.isEmpty()) return;
    for (RunPictures.Missing m : RunPictures.write(sc, wh, id, s.spec(), runRow(sc, sets), epochs,
        () -> RunCurve.of(id, hyper, epochs), sets.test(), full)) {
      System.err.println("warning: " + m.line() + " (the model and metrics are saved; ./submit report --run-id " + id
          + " makes the pictures again)");
    }
  }

  /**
   * A checkpoint is due at the last of the run's epochs, and at the first epoch whose state is at
   * hand at or after each multiple of K ({@code every}) past the last one queued: every K epochs, or, where whole epochs run in one task
   * and only its last epoch's state comes back, at the end of the task that passes the multiple.
   */
  static boolean checkpointDue(int every, int epochs, int lastQueued, int epochsDone) {
    return epochsDone / every > lastQueued / every || epochsDone == epochs;
  }

  public static Path modelFile(Path runDir) { return new Path(runDir, "model.json"); }

  public static Path endedMarker(Path runDir) { return new Path(runDir, "ENDED"); }

  /** How an ended run ended, from its marker. */
  public static String ended(Warehouse wh, Path runDir) {
    try {
      return wh.readString(endedMarker(runDir)).trim();
    } catch (IOException e) {
      return "unknown";
    }
  }

  private void markEnded(Trainer.Result r) {
    String text = r.status().name().toLowerCase() + " after " + r.epochsDone() + " epoch(s)" + (r.why() == null ? "" : ": " + r.why());
    try {
      wh.writeAtomically(endedMarker(wh.runDir(id)), (text + "\n").getBytes(StandardCharsets.UTF_8));
    } catch (RuntimeException e) {
      System.err.println("warning: cannot mark run " + id + " as ended: " + e.getMessage());
    }
  }
}
