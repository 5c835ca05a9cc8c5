package org.nndl.cli;

import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.nndl.train.TrainingSets;
import org.nndl.error.ExitCode;
import org.nndl.metrics.Warehouse;
import org.nndl.run.StopSignal;
import org.nndl.run.TrainRun;
import org.nndl.train.TrainState;
import org.nndl.train.Trainer;

/**
 * A run as the console shows it, shared by train and sweep: its plan, the progress bar while it trains,
 * then one line saying how it ended, and the exit code that says it to scripts.
 */
final class RunConsole {
  private RunConsole() {}

  /** Trains run from its first epoch with a progress bar and returns the exit code. */
  static int start(TrainRun run, SparkSession spark, JavaSparkContext sc, TrainingSets sets, StopSignal stop, int epochs,
      String id, Warehouse wh, boolean checkpoints) {
    printPlan(sets);
    TrainRun.Outcome o;
    try (EpochProgress progress = new EpochProgress(epochs, 0)) {
      o = run.start(spark, sc, sets, stop, progress::epochDone);
    }
    return ended(o, id, wh, checkpoints);
  }

  /** Trains run on from a checkpoint's state with a progress bar and returns the exit code. */
  static int resume(TrainRun run, SparkSession spark, JavaSparkContext sc, TrainingSets sets, TrainState state,
      StopSignal stop, int epochs, String id, Warehouse wh, boolean checkpoints) {
    printPlan(sets);
    TrainRun.Outcome o;
    try (EpochProgress progress = new EpochProgress(epochs, state.epochsDone())) {
      o = run.train(spark, sc, sets, state, stop, progress::epochDone);
    }
    return ended(o, id, wh, checkpoints);
  }

  private static void printPlan(TrainingSets sets) {
    if (sets.plan() != null) System.err.println("plan: " + sets.plan().text());
  }

  /**
   * Says how the run ended, in one line, and returns its exit code: the stop's (130 or 143) when a
   * signal came at any moment of the run, also after its training loop.
   */
  private static int ended(TrainRun.Outcome o, String id, Warehouse wh, boolean checkpoints) {
    Trainer.Result r = o.result();
    String where = "run " + id + ": metrics in " + wh.root() + ", model in " + wh.show(o.model());
    if (r.status() != Trainer.Status.STOPPED && o.stop().requested()) {
      System.err.println("stopped by " + o.stop().signalName() + " after the run ended (" + r.status().name().toLowerCase()
          + " after " + r.epochsDone() + " epoch(s)); " + where + "; ./submit report --run-id " + id + " makes its pictures");
      return o.stop().exitCode();
    }
    switch (r.status()) {
      case STOPPED -> {
        System.err.println("stopped by " + o.stop().signalName() + " after " + r.epochsDone() + " finished epoch(s); "
            + where + (checkpoints ? "; continue with ./submit train --resume --run-id " + id + " --warehouse " + wh.root() : ""));
        return o.stop().exitCode();
      }
      case DIVERGED -> {
        System.err.println("error: training diverged (a gradient or a parameter became NaN or overflowed) after "
            + r.epochsDone() + " epoch(s); the last finite parameters are kept. " + where + ". Lower --eta.");
        return ExitCode.DIVERGED;
      }
      case EARLY_STOPPED -> {
        System.err.println("stopped early after " + r.epochsDone() + " epoch(s): " + r.why() + "; " + where);
        return ExitCode.OK;
      }
      default -> {
        System.err.println("done: " + r.epochsDone() + " epochs; " + where);
        return ExitCode.OK;
      }
    }
  }
}
