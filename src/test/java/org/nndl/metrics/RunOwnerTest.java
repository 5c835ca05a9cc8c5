package org.nndl.metrics;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class RunOwnerTest {
  @Test
  void theOwnerMayChangeTheRun() {
    assertDoesNotThrow(() -> RunOwner.require("r1", "alice", "alice", "resume it"));
  }

  @Test
  void anyoneElseIsRefusedInOneLineThatSaysWhatTheyCanDo() {
    MetricsError e = assertThrows(MetricsError.class, () -> RunOwner.require("r1", "alice", "bob", "resume it"));
    assertEquals("run 'r1' belongs to alice, not to you (bob): only alice can resume it; you can query it, plot it"
        + " with --out FILE and evaluate its model.json, or start a run of your own", e.getMessage());
  }

  @Test
  void namesAreComparedExactly() {
    assertThrows(MetricsError.class, () -> RunOwner.require("r1", "alice", "Alice", "resume it"));
  }
}
