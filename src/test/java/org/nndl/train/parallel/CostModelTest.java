package org.nndl.train.parallel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The cost model and the auto rule against cases worked by hand. */
class CostModelTest {
  private static final CostModel MODEL = new CostModel(1e-5, 1.2e-5, 1e-3, 2e-4, 0.5);

  /**
   * n = 60,000, N = 4, m = 10, eta 0.1: 15,000 samples a worker, 1,500 steps, K = ceil(2400 / 40)
   * = 60, 25 rounds; busy 0.6 / 4 + 25 (0.001 + 4 x 0.0002) = 0.195 s, so a stretch of
   * floor(10 / 0.195) = 51 epochs shares the stage's 0.5 s: 0.195 + 0.5 / 51 s an epoch, against
   * 60,000 x 12 us = 0.72 s. With a kernel 100 times slower an epoch is 15.045 s busy, a stretch
   * one epoch: 15.545 s.
   */
  @Test
  void anEpochWorkedByHand() {
    assertEquals(25, CostModel.rounds(60_000, 4, 10, 0.1));
    assertEquals(0.195 + 0.5 / 51, MODEL.parallelEpoch(60_000, 4, 10, 0.1), 1e-12);
    assertEquals(0.72, MODEL.exactEpoch(60_000), 1e-12);
    assertEquals(0.72 / (0.195 + 0.5 / 51), MODEL.speedup(60_000, 4, 10, 0.1), 1e-12);
    assertEquals(15.545, new CostModel(1e-3, 1.2e-5, 1e-3, 2e-4, 0.5).parallelEpoch(60_000, 4, 10, 0.1), 1e-9);
  }

  /** Two workers already win with cheap rounds; rounds of 50 ms never let the plan beat one core (25 an epoch). */
  @Test
  void theCostPoint() {
    assertEquals(2, MODEL.costPoint(60_000, 10, 0.1, 64));
    assertEquals(-1, new CostModel(1e-5, 1.2e-5, 0.05, 2e-4, 0.5).costPoint(60_000, 10, 0.1, 64));
  }

  @Test
  void aLineThroughThreePoints() {
    assertArrayEquals(new double[] {0.001, 0.001}, CostModel.fitRound(new int[] {2, 4, 8}, new double[] {0.003, 0.005, 0.009}), 1e-15);
  }

  /**
   * Amplification 1.5 N: N = 2 at eta 0.1: steps at 0.1 sqrt 2, momentum 1 - sqrt 2 / 3; N = 16 at
   * eta 0.5: the rate capped at 1.0 (x2), momentum 1 - 2 / 24; eta 2: x1, 1 - 1 / 24.
   */
  @Test
  void theAutoRule() {
    SyncRule two = SyncRule.auto(2, 10, 0.1);
    assertEquals(120, two.stepsPerRound());
    assertTrue(two.nesterov() && two.tailMean());
    assertEquals(Math.sqrt(2), two.localRate(), 1e-15);
    assertEquals(1 - Math.sqrt(2) / 3, two.outerMomentum(), 1e-15);
    SyncRule capped = SyncRule.auto(16, 10, 0.5);
    assertEquals(15, capped.stepsPerRound());
    assertEquals(2.0, capped.localRate(), 0.0);
    assertEquals(1 - 2.0 / 24, capped.outerMomentum(), 1e-15);
    assertEquals(1.0, SyncRule.auto(16, 10, 2.0).localRate(), 0.0);
    assertEquals(1 - 1.0 / 24, SyncRule.auto(16, 10, 2.0).outerMomentum(), 1e-15);
  }

  /** A design at amplification 2 N, rounds of 4,800 samples, the heavy ball, workers at eta N^(1/4). */
  @Test
  void anotherDesign() {
    SyncRule r = SyncRule.auto(16, 10, 0.1, new SyncRule.Design(4800, false, false, 0.25, 2.0));
    assertEquals(30, r.stepsPerRound());
    assertEquals(2.0, r.localRate(), 1e-15);
    assertEquals(1 - 2.0 / 32, r.outerMomentum(), 1e-15);
    assertTrue(!r.nesterov() && !r.tailMean());
  }
}
