package org.nndl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nndl.net.ModelJson;

/**
 * A stop at any moment ends the command: here SIGTERM reaches a sweep after its first run's
 * training loop (its model is saved; its pictures or the next run are under way). The sweep must
 * end with 143, its first run's model whole, and no later run trained to its end.
 */
class StopTest {
  @TempDir Path dir;

  @Test
  void aSignalAfterARunsLoopEndsTheSweep() throws Exception {
    Path wh = dir.resolve("wh");
    Path err = dir.resolve("sweep.err");
    Process child = CliTest.child(err, "sweep", "--data", "sample", "--train-limit", "300", "--test-limit", "100",
        "--validation", "100", "--sizes", "784,5,10", "--epochs", "1", "--eta", "0.5,1", "--lambda", "0",
        "--warehouse", wh.toString(), "--sweep-id", "s");
    Path firstModel = wh.resolve("runs/s-eta0.5-lambda0/model.json");
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(900);  // a busy machine takes minutes to start Spark
    while (!Files.exists(firstModel) && child.isAlive() && System.nanoTime() < deadline) Thread.sleep(10);
    assertTrue(child.isAlive(), "the sweep ended before it could be stopped: " + Files.readString(err));
    assertTrue(Files.exists(firstModel), "no first model within 15 minutes: " + Files.readString(err));
    child.destroy();  // SIGTERM
    assertTrue(child.waitFor(300, TimeUnit.SECONDS), "the sweep did not end");
    String log = Files.readString(err);
    assertEquals(143, child.exitValue(), log);
    assertFalse(Files.exists(wh.resolve("runs/s-eta1-lambda0/ENDED")), "the sweep trained its next run: " + log);
    assertEquals(784, ModelJson.load(firstModel).spec().layout().inputSize());
    assertTrue(log.contains("stopped by SIGTERM"), log);
  }
}
