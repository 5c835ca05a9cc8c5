package org.nndl.run;

import java.util.LinkedHashMap;
import java.util.Map;
import org.nndl.error.ExitCode;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Ctrl-C (SIGINT) and SIGTERM ask the command to stop after the current step instead of killing
 * the JVM mid-write, so the finished epochs' metrics and the current parameters are saved. One
 * is installed per command, for the whole command (training, saving, pictures, a sweep's every
 * run): a signal at any moment is seen. Closing it puts back the handlers it replaced.
 */
public final class StopSignal implements AutoCloseable {
  private final Map<Signal, SignalHandler> replaced = new LinkedHashMap<>();
  private volatile String signal;

  private StopSignal() {}

  public static StopSignal install() {
    StopSignal s = new StopSignal();
    for (String name : new String[] {"INT", "TERM"}) {
      try {
        Signal sig = new Signal(name);
        s.replaced.put(sig, Signal.handle(sig, caught -> s.signal = caught.getName()));
      } catch (IllegalArgumentException unavailable) {
        // a platform without this signal: the default handling stays
      }
    }
    return s;
  }

  /** A stop never requested and no handler installed: for a run inside someone else's program (Spark ML's fit). */
  public static StopSignal none() { return new StopSignal(); }

  public boolean requested() { return signal != null; }

  public String signalName() { return signal == null ? "nothing" : "SIG" + signal; }

  /** 130 for SIGINT, 143 for SIGTERM: 128 + the signal number, as shells report. */
  public int exitCode() { return "TERM".equals(signal) ? ExitCode.SIGTERM : ExitCode.SIGINT; }

  /** Puts back the handlers this one replaced. */
  @Override
  public void close() { replaced.forEach(Signal::handle); }
}
