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
    Path run = w.claimRun("a");
    w.claimRun("b");
    Files.writeString(run.resolve("model.json"), "{}");
    Files.createDirectories(Warehouse.partition(w.metricsTable(), "a"));
    Files.createDirectories(Warehouse.partition(w.runsTable(), "a"));
    Files.createDirectories(Warehouse.partition(w.runsTable(), "b"));
    w.forget("a");
    assertFalse(Files.exists(run));
    assertFalse(Files.exists(Warehouse.partition(w.metricsTable(), "a")));
    assertFalse(Files.exists(Warehouse.partition(w.runsTable(), "a")));
    assertTrue(Files.exists(w.runDir("b")));
    assertTrue(Files.exists(Warehouse.partition(w.runsTable(), "b")));
    w.claimRun("a");  // the id is free again
  }
}
