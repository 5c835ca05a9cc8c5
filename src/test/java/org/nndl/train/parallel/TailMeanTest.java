package org.nndl.train.parallel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;

/** An epoch's model under the parallel plan's tail mean, worked by hand. */
class TailMeanTest {
  /** Five rounds: the last three (rounds 2, 3, 4) are averaged; the next epoch starts afresh. */
  @Test
  void theMeanOfTheLastHalfOfTheRounds() {
    TailMean tail = new TailMean(5, 2);
    double[][] after = {{100, -100}, {50, 50}, {1, 2}, {2, 4}, {6, 9}};
    for (int r = 0; r < 5; r++) tail.after(r, after[r]);
    assertArrayEquals(new double[] {3, 5}, tail.take(after[4]), 0.0);
    for (int r = 0; r < 5; r++) tail.after(r, new double[] {r, 2 * r});
    assertArrayEquals(new double[] {3, 6}, tail.take(new double[] {4, 8}), 0.0);
  }

  /** Two rounds: the last one alone; one round: that round's w, bit for bit. */
  @Test
  void shortEpochs() {
    TailMean two = new TailMean(2, 1);
    two.after(0, new double[] {7});
    two.after(1, new double[] {0.1});
    assertArrayEquals(new double[] {0.1}, two.take(new double[] {0.1}), 0.0);
    TailMean one = new TailMean(1, 1);
    one.after(0, new double[] {0.1 + 0.2});
    assertArrayEquals(new double[] {0.1 + 0.2}, one.take(new double[] {0.1 + 0.2}), 0.0);
  }
}
