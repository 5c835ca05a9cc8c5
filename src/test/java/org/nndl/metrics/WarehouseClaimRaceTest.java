package org.nndl.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs that claim their ids at the same moment (two ./submit train started together). */
class WarehouseClaimRaceTest {
  @TempDir Path dir;
  private final ExecutorService pool = Executors.newFixedThreadPool(2);

  @AfterEach void stop() { pool.shutdownNow(); }

  /** Runs both tasks released at the same moment and returns their results. */
  private <T> List<T> together(Callable<T> a, Callable<T> b) throws Exception {
    CyclicBarrier start = new CyclicBarrier(2);
    Future<T> fa = pool.submit(() -> { start.await(); return a.call(); });
    Future<T> fb = pool.submit(() -> { start.await(); return b.call(); });
    return List.of(fa.get(), fb.get());
  }

  @Test
  void twoClaimsOfOneIdAtTheSameMomentHaveExactlyOneWinner() throws Exception {
    Warehouse w = new Warehouse(dir);
    for (int i = 0; i < 200; i++) {
      String id = "race-" + i;
      Callable<Boolean> claim = () -> {
        try {
          w.claimRun(id);
          return true;
        } catch (MetricsError e) {
          assertTrue(e.getMessage().startsWith("run id '" + id + "' already exists"), e.getMessage());
          return false;
        }
      };
      assertEquals(1, together(claim, claim).stream().filter(won -> won).count(), id);
    }
  }

  @Test
  void twoRunsThatDrawTheSameIdAtTheSameMomentBothGetOne() throws Exception {
    Warehouse w = new Warehouse(dir);
    for (int i = 0; i < 100; i++) {
      String same = "20260101-120000-" + String.format("%04x", i);
      Iterator<String> drawsA = List.of(same, "a-" + i).iterator();
      Iterator<String> drawsB = List.of(same, "b-" + i).iterator();
      List<String> ids = together(() -> w.claimNewRun(drawsA::next), () -> w.claimNewRun(drawsB::next));
      assertNotEquals(ids.get(0), ids.get(1));
      assertTrue(ids.contains(same), ids.toString());
      for (String id : ids) assertTrue(Files.isDirectory(Path.of(w.runDir(id).toUri())), id);
    }
  }

  @Test
  void aGeneratedIdLeftOverInTheTablesIsDrawnAgain() throws Exception {
    Warehouse w = new Warehouse(dir);
    Files.createDirectories(Path.of(Warehouse.partition(w.metricsTable(), "old").toUri()));
    assertEquals("new", w.claimNewRun(List.of("old", "new").iterator()::next));
  }

  @Test
  void drawsThatAreAllTakenEndInOneLine() {
    Warehouse w = new Warehouse(dir);
    w.claimRun("taken");
    MetricsError e = assertThrows(MetricsError.class, () -> w.claimNewRun(() -> "taken"));
    assertEquals("no free run id in warehouse " + w.root() + " after 10 draws: pass --run-id", e.getMessage());
  }
}
