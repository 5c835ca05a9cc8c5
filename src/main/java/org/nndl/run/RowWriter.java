package org.nndl.run;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Writes a run's rows and checkpoints in the background, one at a time and in the order given,
 * while the next epoch trains: a table append is a Spark job with a file commit, which would
 * otherwise add its time to every epoch. Rows that wait while an earlier write runs go out
 * together in the next append (one file), so a run whose epochs are shorter than a write does not
 * fall behind; of the checkpoints that wait, only the newest is written (it supersedes the
 * others), after every row before it and in an append of its own: an append never holds rows of
 * epochs on both sides of a written checkpoint, so a resume can drop the rows after its
 * checkpoint file by file. The first write that fails is rethrown by the next {@link #submit} or
 * by {@link #drain}, so a run never goes on for long past a lost row, and a checkpoint is written
 * only once the rows before it are.
 */
final class RowWriter<R> implements AutoCloseable {
  private final Consumer<List<R>> append;
  private final List<Object> waiting = new ArrayList<>();  // rows and Checkpoints given, not yet taken; guarded by itself
  private final ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
    Thread t = new Thread(r, "nndl-rows");
    t.setDaemon(true);
    return t;
  });
  private Future<?> lastWrite;
  private volatile Throwable failed;  // the first failure; the writes queued after it are skipped

  /** append writes rows, oldest first, in one go. */
  RowWriter(Consumer<List<R>> append) { this.append = append; }

  /** Queues a row after the writes before it; throws the failure of an earlier write, if any. */
  void row(R row) { await(row); }

  /**
   * Queues a checkpoint's write after the rows before it; it is skipped when a newer checkpoint is
   * queued before it runs. Throws the failure of an earlier write, if any.
   */
  void checkpoint(Runnable write) { await(new Checkpoint(write)); }

  /** A checkpoint's write, among the rows waiting. */
  private record Checkpoint(Runnable write) {}

  private void await(Object rowOrCheckpoint) {
    synchronized (waiting) { waiting.add(rowOrCheckpoint); }
    submit(this::writeWaiting);
  }

  /**
   * What waits: the rows up to the newest checkpoint in one append, then that checkpoint (the
   * older ones are superseded); the rows after it wait for the next call, which was queued with
   * them. Nothing when an earlier call already took everything.
   */
  @SuppressWarnings("unchecked")
  private void writeWaiting() {
    List<R> rows = new ArrayList<>();
    Checkpoint newest = null;
    synchronized (waiting) {
      int last = waiting.size() - 1;
      while (last >= 0 && !(waiting.get(last) instanceof Checkpoint)) last--;
      int take = last >= 0 ? last + 1 : waiting.size();
      for (Object o : waiting.subList(0, take)) {
        if (o instanceof Checkpoint c) newest = c;
        else rows.add((R) o);
      }
      waiting.subList(0, take).clear();
    }
    if (!rows.isEmpty()) append.accept(rows);
    if (newest != null) newest.write().run();
  }

  /** Queues a write after the ones before it; throws the failure of an earlier write, if any. */
  void submit(Runnable write) {
    rethrowIfFailed();
    lastWrite = thread.submit(() -> {
      if (failed != null) return;  // a checkpoint must not follow a row that was not written
      try {
        write.run();
      } catch (RuntimeException | Error e) {
        failed = e;
      }
    });
  }

  /** Waits for every queued write; throws the first failure. */
  void drain() {
    if (lastWrite != null) {
      try {
        lastWrite.get();  // one thread: the last write done means every earlier one is
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
    thread.shutdown();
    try {
      thread.awaitTermination(Long.MAX_VALUE, TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
