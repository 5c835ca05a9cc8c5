package org.nndl.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The background writer of a run's rows: in order, rows that waited in one append, nothing after a failed write. */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)  // a writer that waits out its interval hangs
class RowWriterTest {
  @Test
  void writesInTheOrderGivenAndDrainWaitsForAll() throws Exception {
    List<Integer> written = new CopyOnWriteArrayList<>();
    CountDownLatch hold = new CountDownLatch(1);
    try (RowWriter<String> w = new RowWriter<>(rows -> {}, 0)) {
      w.submit(() -> {
        try {
          hold.await();  // the first write is slow: the later ones must still come after it
        } catch (InterruptedException e) {
          throw new IllegalStateException(e);
        }
        written.add(1);
      });
      for (int i = 2; i <= 5; i++) {
        int k = i;
        w.submit(() -> written.add(k));
      }
      assertEquals(List.of(), written);
      hold.countDown();
      w.drain();
      assertEquals(List.of(1, 2, 3, 4, 5), written);
    }
  }

  @Test
  void aFailedRowStopsTheWritesAfterItAndIsRethrown() {
    List<String> written = new CopyOnWriteArrayList<>();
    IllegalStateException diskFull = new IllegalStateException("disk full");
    CountDownLatch queued = new CountDownLatch(1);
    RuntimeException thrown;
    try (RowWriter<String> w = new RowWriter<>(rows -> {}, 0)) {
      w.submit(() -> written.add("row 1"));
      w.submit(() -> {
        try {
          queued.await();  // fails only once the checkpoint after it is queued
        } catch (InterruptedException e) {
          throw new IllegalStateException(e);
        }
        throw diskFull;
      });
      w.checkpoint(() -> written.add("checkpoint 2"));
      queued.countDown();
      thrown = assertThrows(IllegalStateException.class, w::drain);
      assertThrows(IllegalStateException.class, () -> w.submit(() -> written.add("row 3")));
    }
    assertSame(diskFull, thrown);
    assertEquals(List.of("row 1"), written);
  }

  @Test
  void rowsThatWaitGoOutInOneAppendUpToTheNewestCheckpointWhichAloneIsWritten() throws Exception {
    List<String> written = new CopyOnWriteArrayList<>();
    CountDownLatch hold = new CountDownLatch(1);
    try (RowWriter<Integer> w = new RowWriter<>(rows -> written.add("rows " + rows), 0)) {
      w.submit(() -> {
        try {
          hold.await();  // the runs row is slow: five epochs end meanwhile
        } catch (InterruptedException e) {
          throw new IllegalStateException(e);
        }
        written.add("runs row");
      });
      w.row(1);
      w.checkpoint(() -> written.add("checkpoint 1"));
      w.row(2);
      w.row(3);
      w.checkpoint(() -> written.add("checkpoint 3"));
      w.row(4);
      w.row(5);
      hold.countDown();
      w.drain();
      w.row(6);
      w.checkpoint(() -> written.add("checkpoint 6"));
      w.drain();
    }
    assertEquals(List.of("runs row", "rows [1, 2, 3]", "checkpoint 3", "rows [4, 5]", "rows [6]", "checkpoint 6"), written);
  }

  private static final long HOUR = TimeUnit.HOURS.toNanos(1);

  /** Runs on the writer's thread after the writes due now: what it sees written is all they wrote. */
  private static void awaitWritesDueNow(RowWriter<?> w) throws InterruptedException {
    CountDownLatch done = new CountDownLatch(1);
    w.submit(done::countDown);
    done.await();
  }

  @Test
  void appendsStartAnIntervalApartAndDrainWritesWhatWaitsAtOnce() throws Exception {
    List<String> written = new CopyOnWriteArrayList<>();
    try (RowWriter<Integer> w = new RowWriter<>(rows -> written.add("rows " + rows), HOUR)) {
      w.row(1);
      awaitWritesDueNow(w);
      assertEquals(List.of("rows [1]"), written);  // the first append starts at once
      w.row(2);
      w.checkpoint(() -> written.add("checkpoint 2"));
      w.row(3);
      awaitWritesDueNow(w);
      assertEquals(List.of("rows [1]"), written);  // the next one an hour after it
      w.drain();
      assertEquals(List.of("rows [1]", "rows [2]", "checkpoint 2", "rows [3]"), written);
    }
  }

  @Test
  void closeWritesWhatWaitsWithoutWaitingForTheInterval() throws Exception {
    List<String> written = new CopyOnWriteArrayList<>();
    try (RowWriter<Integer> w = new RowWriter<>(rows -> written.add("rows " + rows), HOUR)) {
      w.row(1);
      awaitWritesDueNow(w);
      w.row(2);  // the run fails here: no drain
    }
    assertEquals(List.of("rows [1]", "rows [2]"), written);
  }
}
