package org.nndl.net;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Each epoch's order is the notebook's: numpy's shuffles of one list after the initializer's draws. */
class EpochOrderTest {
  @Test
  void ordersAreTheNotebooksAfterItsInitializer() {
    for (String[] t : NumpyVectors.lines("notebook")) {
      int n = Integer.parseInt(t[2]), epoch = Integer.parseInt(t[3]);
      EpochOrder orders = new EpochOrder(NumpyVectors.seed(t[0]), new Layout(NumpyVectors.sizes(t[1])).parameterCount(), n);
      assertArrayEquals(NumpyVectors.ints(t, 4, t.length), orders.of(epoch), String.join(" ", t[0], t[1], t[2], t[3]));
    }
  }

  /** Asked in any order (a resumed run asks for a late epoch first, a new reference goes back), the same orders. */
  @Test
  void anyEpochIsRebuiltWhateverWasAskedBefore() {
    List<String[]> lines = NumpyVectors.lines("notebook").subList(0, 3);  // seed 3, [784,30,10], 1000 samples, epochs 1..3
    String[] first = lines.get(0);
    EpochOrder orders = new EpochOrder(NumpyVectors.seed(first[0]), new Layout(NumpyVectors.sizes(first[1])).parameterCount(),
        Integer.parseInt(first[2]));
    for (int epoch : new int[] {3, 1, 2, 2, 3, 1}) {
      String[] t = lines.get(epoch - 1);
      assertArrayEquals(NumpyVectors.ints(t, 4, t.length), orders.of(epoch), "epoch " + epoch);
    }
  }
}
