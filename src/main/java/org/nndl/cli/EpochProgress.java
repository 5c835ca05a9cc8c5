package org.nndl.cli;

import java.time.Duration;
import java.util.Locale;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.nndl.metrics.EpochMetrics;

/** The tqdm-like bar over the epochs: i/N, ETA, and the last epoch's test accuracy and time. */
final class EpochProgress implements AutoCloseable {
  private final ProgressBar bar;

  EpochProgress(int epochs) { this(epochs, 0); }

  /** A bar that starts with done epochs already counted (a resumed run). */
  EpochProgress(int epochs, int done) {
    bar = new ProgressBarBuilder().setTaskName("epoch").setInitialMax(epochs).startsFrom(done, Duration.ZERO)
        .setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(1000)
        // stderr as it is now (stdout stays clean for scripts); redrawn in place with '\r'
        .setConsumer(new ConsoleProgressBarConsumer(System.err, 110)).build();
  }

  void epochDone(EpochMetrics m) {
    bar.setExtraMessage(String.format(Locale.ROOT, "test acc = %.2f%%, time/epoch = %.2fs",
        100 * m.testAccuracy(), m.trainSeconds()));
    bar.step();
  }

  @Override public void close() { bar.close(); }
}
