package org.nndl.metrics;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WarehouseForgetTest {
  @TempDir Path dir;

  @Test
  void forgetRemovesTheRunsFolderAndPartitionsOnly() throws Exception {
    Warehouse w = new Warehouse(dir);
    Path run = Path.of(w.claimRun("a").toUri());
    w.claimRun("b");
    Files.writeString(run.resolve("model.json"), "{}");
    Files.createDirectories(Path.of(Warehouse.partition(w.metricsTable(), "a").toUri()));
    Files.createDirectories(Path.of(Warehouse.partition(w.runsTable(), "a").toUri()));
    Files.createDirectories(Path.of(Warehouse.partition(w.runsTable(), "b").toUri()));
    w.forget("a");
    assertFalse(Files.exists(run));
    assertFalse(Files.exists(Path.of(Warehouse.partition(w.metricsTable(), "a").toUri())));
    assertFalse(Files.exists(Path.of(Warehouse.partition(w.runsTable(), "a").toUri())));
    assertTrue(Files.exists(Path.of(w.runDir("b").toUri())));
    assertTrue(Files.exists(Path.of(Warehouse.partition(w.runsTable(), "b").toUri())));
    w.claimRun("a");  // the id is free again
  }
}
