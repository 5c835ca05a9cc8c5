package org.nndl.net;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Arrays;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class EpochOrderTest {
  @Test
  void aPermutationThatDependsOnSeedAndEpochOnly() {
    int[] a = EpochOrder.permutation(1000, 3, 1);
    assertArrayEquals(a, EpochOrder.permutation(1000, 3, 1));
    int[] sorted = a.clone();
    Arrays.sort(sorted);
    assertArrayEquals(IntStream.range(0, 1000).toArray(), sorted);
    assertFalse(Arrays.equals(a, EpochOrder.permutation(1000, 3, 2)));
    assertFalse(Arrays.equals(a, EpochOrder.permutation(1000, 4, 1)));
  }

  /** Adjacent seeds must not give shifted copies of one random stream: few positions may agree. */
  @Test
  void adjacentSeedsAndEpochsGiveUnrelatedOrders() {
    for (int s = 0; s < 5; s++) {
      int[] a = EpochOrder.permutation(1000, s, 1);
      int[] b = EpochOrder.permutation(1000, s + 1, 1);
      int[] c = EpochOrder.permutation(1000, s, 2);
      int same = 0, sameEpoch = 0;
      for (int i = 0; i < a.length; i++) { if (a[i] == b[i]) same++; if (a[i] == c[i]) sameEpoch++; }
      // a random pair of permutations agrees in about one position
      org.junit.jupiter.api.Assertions.assertTrue(same < 10 && sameEpoch < 10, same + " " + sameEpoch);
    }
  }
}
