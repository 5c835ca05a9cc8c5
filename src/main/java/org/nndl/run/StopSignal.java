package org.nndl.run;

import org.nndl.error.ExitCode;
import sun.misc.Signal;

/**
 * Ctrl-C (SIGINT) and SIGTERM ask the run to stop after the current step instead of killing the
 * JVM mid-write, so the finished epochs' metrics and the current parameters are saved.
 */
public final class StopSignal {
  private volatile String signal;

  private StopSignal() {}

  public static StopSignal install() {
    StopSignal s = new StopSignal();
    for (String name : new String[] {"INT", "TERM"}) {
      try {
        Signal.handle(new Signal(name), sig -> s.signal = sig.getName());
      } catch (IllegalArgumentException unavailable) {
        // a platform without this signal: the default handling stays
      }
    }
    return s;
  }

  public boolean requested() { return signal != null; }

  public String signalName() { return signal == null ? "nothing" : "SIG" + signal; }

  /** 130 for SIGINT, 143 for SIGTERM: 128 + the signal number, as shells report. */
  public int exitCode() { return "TERM".equals(signal) ? ExitCode.SIGTERM : ExitCode.SIGINT; }
}
