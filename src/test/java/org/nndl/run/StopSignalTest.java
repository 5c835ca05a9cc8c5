package org.nndl.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * SIGTERM raised to this JVM in a controlled way: only while a handler of the test's own is in
 * place underneath, so a signal that StopSignal failed to catch never reaches the JVM's default.
 */
class StopSignalTest {

  @Test
  void aStopCatchesTheSignalAndRestoresTheHandlerItReplaced() throws Exception {
    Signal term = new Signal("TERM");
    CountDownLatch reachedOuter = new CountDownLatch(1);
    SignalHandler jvmDefault = Signal.handle(term, sig -> reachedOuter.countDown());
    try {
      try (StopSignal stop = StopSignal.install()) {
        Signal.raise(term);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!stop.requested() && System.nanoTime() < deadline) Thread.onSpinWait();  // the handler runs on its own thread
        assertTrue(stop.requested(), "the stop saw the signal");
        assertEquals("SIGTERM", stop.signalName());
        assertEquals(143, stop.exitCode());
        assertEquals(1, reachedOuter.getCount(), "the signal went to the handler underneath");
      }
      Signal.raise(term);  // the stop is closed: the handler it replaced is back
      assertTrue(reachedOuter.await(30, TimeUnit.SECONDS), "the handler underneath was restored");
    } finally {
      Signal.handle(term, jvmDefault);
    }
  }

  @Test
  void noSignalNoRequest() {
    try (StopSignal stop = StopSignal.install()) {
      assertFalse(stop.requested());
      assertEquals("nothing", stop.signalName());
    }
  }
}
