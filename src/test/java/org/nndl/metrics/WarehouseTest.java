package org.nndl.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class WarehouseTest {
  @TempDir Path dir;

  @Test
  void claimCreatesTheRunDirectoryOnce() {
    Warehouse w = new Warehouse(dir.resolve("wh"));
    Path run = Path.of(w.claimRun("a.b_c-1").toUri());
    assertTrue(Files.isDirectory(run));
    assertEquals(dir.resolve("wh/runs/a.b_c-1"), run);

    MetricsError e = assertThrows(MetricsError.class, () -> w.claimRun("a.b_c-1"));
    assertEquals("run id 'a.b_c-1' already exists in warehouse " + w.root()
        + ": choose another --run-id or a different --warehouse", e.getMessage());
  }

  @Test
  void claimRefusesAnIdWhoseTablePartitionIsLeftOver() throws Exception {
    Warehouse w = new Warehouse(dir);
    Files.createDirectories(Path.of(Warehouse.partition(w.metricsTable(), "old").toUri()));
    assertThrows(MetricsError.class, () -> w.claimRun("old"));
    assertFalse(Files.exists(Path.of(w.runDir("old").toUri())));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "a b", "a/b", "..", ".hidden", "-x", "ü", "x;y",
      "12345678901234567890123456789012345678901234567890123456789012345"})
  void claimRefusesBadIds(String id) {
    Warehouse w = new Warehouse(dir);
    MetricsError e = assertThrows(MetricsError.class, () -> w.claimRun(id));
    assertTrue(e.getMessage().startsWith("bad run id '"), e.getMessage());
    assertFalse(e.getMessage().contains("\n"));
    assertFalse(Files.exists(dir.resolve("runs")) && dir.resolve("runs").toFile().list().length > 0);
  }

  @Test
  void sixtyFourCharactersAreAllowed() {
    assertTrue(Files.isDirectory(Path.of(new Warehouse(dir).claimRun("x".repeat(64)).toUri())));
  }

  @Test
  void newRunIdsAreValidAndDistinct() {
    Set<String> drawn = new HashSet<>();
    for (int i = 0; i < 20; i++) {
      String id = Warehouse.newRunId();
      assertTrue(id.matches("\\d{8}-\\d{6}-[0-9a-f]{4}"), id);
      drawn.add(id);
    }
    // 16 random bits each: 20 draws give fewer than 10 distinct ids with probability far below 1e-30
    assertTrue(drawn.size() >= 10, "ids drawn in the same second repeat: " + drawn);
  }

  @Test
  void aGeneratedIdThatIsTakenIsDrawnAgain() {
    Warehouse w = new Warehouse(dir);
    w.claimRun("taken");
    Iterator<String> ids = List.of("taken", "taken", "free").iterator();
    assertEquals("free", w.claimNewRun(ids::next));
    assertTrue(Files.isDirectory(Path.of(w.runDir("free").toUri())));
  }
}
