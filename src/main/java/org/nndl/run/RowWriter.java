package org.nndl.run;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Writes a run's rows and checkpoints in the background, one at a time and in the order given,
 * while the next epoch trains: a table append is a Spark job with a file commit, which would
 * otherwise add its time to every epoch. Appends start at least {@code interval} apart (a second in
 * a run): the rows that wait meanwhile go out together in one append (one file), so a run whose
 * epochs are shorter than that writes a few files rather than one per epoch and spends its cores
 * on training. Of the checkpoints that wait, only the newest is written (it supersedes the
 * others), after every row before it and in an append of its own: an append never holds rows of
 * epochs on both sides of a written checkpoint, so a resume can drop the rows after its
 * checkpoint file by file. {@link #drain} writes whatever waits at once. The first write that
 * fails is rethrown by the next {@link #submit} or by {@link #drain}, so a run never goes on for
 * long past a lost row, and a checkpoint is written only once the rows before it are.
 */
final class RowWriter<R> implements AutoCloseable {
  /** The shortest time between the starts of two appends of a run's rows. */
  static final long RUN_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(1);

  private final Consumer<List<R>> append;
  private final long interval;
  private final List<Object> waiting = new ArrayList<>();  // rows and Checkpoints given, not yet taken; guarded by itself
  private boolean writeDue;  // a writeWaiting is scheduled and has not yet taken what waits; guarded by waiting
  private long lastStart;  // System.nanoTime() when the last writeWaiting began; guarded by waiting
  private boolean started;  // guarded by waiting
  private final ScheduledThreadPoolExecutor thread = new ScheduledThreadPoolExecutor(1, r -> {
    Thread t = new Thread(r, "nndl-rows");
    t.setDaemon(true);
    return t;
  });
  private Future<?> lastWrite;
  private volatile Throwable failed;  // the first failure; the writes queued after it are skipped

  /** append writes rows, oldest first, in one go; appends start at least intervalNanos apart. */
  RowWriter(Consumer<List<R>> append, long intervalNanos) {
    this.append = append;
    this.interval = intervalNanos;
    thread.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);  // close writes what waits at once
  }

  /** Queues a row after the writes before it; throws the failure of an earlier write, if any. */
  void row(R row) { await(row); }

  /**
   * Queues a checkpoint's write after the rows before it; it is skipped when a newer checkpoint is
   * queued before it runs. Throws the failure of an earlier write, if any.
   */
  void checkpoint(Runnable write) { await(new Checkpoint(write)); }

  /** A checkpoint's write, among the rows waiting. */
  private record Checkpoint(Runnable write) {}

  /** Adds to what waits and, unless a write of it is already due, schedules one for the interval's end. */
  private void await(Object rowOrCheckpoint) {
    rethrowIfFailed();
    synchronized (waiting) {
      waiting.add(rowOrCheckpoint);
      if (writeDue) return;
      writeDue = true;
      long delay = started ? Math.max(0, lastStart + interval - System.nanoTime()) : 0;
      lastWrite = thread.schedule(guarded(this::writeWaiting), delay, TimeUnit.NANOSECONDS);
    }
  }

  /**
   * Writes what waits: the rows up to the newest checkpoint in one append, then that checkpoint
   * (the older ones are superseded), then the rows after it in another append. Nothing when an
   * earlier call took it all; what comes meanwhile waits for the call it schedules.
   */
  @SuppressWarnings("unchecked")
  private void writeWaiting() {
    List<Object> taken;
    synchronized (waiting) {
      writeDue = false;
      if (waiting.isEmpty()) return;
      started = true;
      lastStart = System.nanoTime();
      taken = new ArrayList<>(waiting);
      waiting.clear();
    }
    int newest = taken.size() - 1;
    while (newest >= 0 && !(taken.get(newest) instanceof Checkpoint)) newest--;
    List<R> before = new ArrayList<>(), after = new ArrayList<>();
    for (int i = 0; i < taken.size(); i++) {
      if (!(taken.get(i) instanceof Checkpoint)) (i < newest ? before : after).add((R) taken.get(i));
    }
    if (!before.isEmpty()) append.accept(before);
    if (newest >= 0) ((Checkpoint) taken.get(newest)).write().run();
    if (!after.isEmpty()) append.accept(after);
  }

  /** Queues a write after the ones before it; throws the failure of an earlier write, if any. */
  void submit(Runnable write) {
    rethrowIfFailed();
    synchronized (waiting) {
      lastWrite = thread.submit(guarded(write));
    }
  }

  /** write, skipped after a failure, its own failure kept for the caller. */
  private Runnable guarded(Runnable write) {
    return () -> {
      if (failed != null) return;  // a checkpoint must not follow a row that was not written
      try {
        write.run();
      } catch (RuntimeException | Error e) {
        failed = e;
      }
    };
  }

  /** Writes what waits now (not at the interval's end) after the writes before it, and waits for all; throws the first failure. */
  void drain() {
    submit(this::writeWaiting);
    Future<?> last;
    synchronized (waiting) {
      last = lastWrite;
    }
    if (last != null) {
      try {
        last.get();  // one thread, and nothing is scheduled later that still has work: every write is done
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while writing the run's rows", e);
      } catch (ExecutionException e) {
        throw new IllegalStateException(e.getCause());  // not reached: the task catches its failures
      }
    }
    rethrowIfFailed();
  }

  private void rethrowIfFailed() {
    Throwable f = failed;
    if (f instanceof RuntimeException r) throw r;
    if (f instanceof Error e) throw e;
  }

  /** Lets the queued writes finish (they are the finished epochs' rows), then stops the thread. */
  @Override
  public void close() {
    synchronized (waiting) {
      thread.submit(guarded(this::writeWaiting));  // now, not at the interval's end
    }
    thread.shutdown();
    try {
      thread.awaitTermination(Long.MAX_VALUE, TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
