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
}
