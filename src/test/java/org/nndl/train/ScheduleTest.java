package org.nndl.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Early stopping and the halving schedule on scripted validation accuracies, worked out by hand. */
class ScheduleTest {

  /** Feeds accuracies until a decision other than CONTINUE; returns the decisions and etas after each epoch. */
  private static List<String> run(Schedule s, double... accuracies) {
    List<String> out = new ArrayList<>();
    for (double a : accuracies) {
      Schedule.Decision d = s.afterEpoch(a);
      out.add(d + "@" + s.eta());
      if (d != Schedule.Decision.CONTINUE) break;
    }
    return out;
  }

  @Test
  void earlyStopAfterNEpochsWithoutImprovement() {
    Schedule s = new Schedule(3, 0, Schedule.State.start(1.0));
    // best 0.5 at epoch 2; 0.5 again is no improvement; epochs 3, 4, 5 without a better one -> stop after 5
    assertEquals(List.of("CONTINUE@1.0", "CONTINUE@1.0", "CONTINUE@1.0", "CONTINUE@1.0", "EARLY_STOP@1.0"),
        run(s, 0.4, 0.5, 0.5, 0.45, 0.49, 0.9));
  }

  @Test
  void anImprovementResetsTheCount() {
    Schedule s = new Schedule(2, 0, Schedule.State.start(1.0));
    assertEquals(List.of("CONTINUE@1.0", "CONTINUE@1.0", "CONTINUE@1.0", "CONTINUE@1.0", "EARLY_STOP@1.0"),
        run(s, 0.4, 0.3, 0.41, 0.2, 0.2, 0.9));
  }

  @Test
  void halvesAfterPatienceEpochsAndCountsAgainAfterEachHalving() {
    Schedule s = new Schedule(0, 2, Schedule.State.start(0.8));
    // 0.5 best; two flat epochs -> 0.4; two more -> 0.2; an improvement; two flat -> 0.1
    assertEquals(List.of("CONTINUE@0.8", "CONTINUE@0.8", "CONTINUE@0.4", "CONTINUE@0.4", "CONTINUE@0.2",
        "CONTINUE@0.2", "CONTINUE@0.2", "CONTINUE@0.1"), run(s, 0.5, 0.5, 0.4, 0.5, 0.3, 0.6, 0.6, 0.1));
    assertEquals(3, s.state().halvings());
  }

  @Test
  void stopsWhenEtaFallsToOne128th() {
    Schedule s = new Schedule(0, 1, Schedule.State.start(1.0));
    List<String> out = run(s, 0.9, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1);
    // epoch 1 sets the best; each later epoch halves: after 7 halvings eta = 1/128 and the run ends
    assertEquals(8, out.size());
    assertEquals("ETA_FLOOR@" + (1.0 / 128), out.get(7));
    assertEquals("CONTINUE@" + (1.0 / 64), out.get(6));
  }

  @Test
  void withoutAValidationSetNothingChanges() {
    Schedule s = new Schedule(1, 1, Schedule.State.start(0.3));
    assertEquals(List.of("CONTINUE@0.3", "CONTINUE@0.3", "CONTINUE@0.3"), run(s, Double.NaN, Double.NaN, Double.NaN));
  }

  @Test
  void aRestoredStateContinuesAsIfNeverStopped() {
    Schedule whole = new Schedule(3, 2, Schedule.State.start(1.0));
    double[] acc = {0.5, 0.6, 0.6, 0.6, 0.55, 0.61, 0.6, 0.6, 0.6};
    List<String> a = run(whole, acc);
    Schedule first = new Schedule(3, 2, Schedule.State.start(1.0));
    List<String> b = run(first, java.util.Arrays.copyOf(acc, 4));
    Schedule resumed = new Schedule(3, 2, first.state());
    b.addAll(run(resumed, java.util.Arrays.copyOfRange(acc, 4, acc.length)));
    assertEquals(a, b);
  }
}
