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
 * together in the next append, so a run whose epochs are shorter than a write does not fall
 * behind. The first write that fails is rethrown by the next {@link #submit} or by
 * {@link #drain}, so a run never goes on for long past a lost row, and a checkpoint queued after
 * a row is written only once that row is.
 */
final class RowWriter<R> implements AutoCloseable {
  private final Consumer<List<R>> append;
  private final List<R> waiting = new ArrayList<>();  // rows given, not yet taken by an append; guarded by itself
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
  void row(R row) {
    synchronized (waiting) { waiting.add(row); }
    submit(this::appendWaiting);
  }

  /** The rows waiting, in one append; none when an earlier append already took them. */
  private void appendWaiting() {
    List<R> rows;
    synchronized (waiting) {
      rows = new ArrayList<>(waiting);
      waiting.clear();
    }
    if (!rows.isEmpty()) append.accept(rows);
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
