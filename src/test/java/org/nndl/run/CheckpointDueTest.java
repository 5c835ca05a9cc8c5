package org.nndl.run;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which epochs get a checkpoint, walked by hand: every K epochs, or at the first state at hand past each multiple of K. */
class CheckpointDueTest {
  /** The epochs checkpointed when the states of these epochs come back, in order, from a start after epoch start. */
  private static List<Integer> checkpointed(int every, int epochs, int start, int... atHand) {
    List<Integer> out = new ArrayList<>();
    int queued = start;
    for (int e : atHand) {
      if (TrainRun.checkpointDue(every, epochs, queued, e)) {
        out.add(e);
        queued = e;
      }
    }
    return out;
  }

  @Test
  void everyEpochsStateAtHandGivesEveryKthEpochAndTheLast() {
    assertEquals(List.of(1, 2, 3, 4, 5), checkpointed(1, 5, 0, 1, 2, 3, 4, 5));
    assertEquals(List.of(3, 6, 7), checkpointed(3, 7, 0, 1, 2, 3, 4, 5, 6, 7));
    assertEquals(List.of(6, 9, 10), checkpointed(3, 10, 4, 5, 6, 7, 8, 9, 10));  // resumed after epoch 4
  }

  @Test
  void tasksOfWholeEpochsGiveTheTaskEndPastEachMultiple() {
    // tasks ending at epochs 1, 4, 12, 14, 23, 25 of 25, checkpoint every 5 epochs
    assertEquals(List.of(12, 23, 25), checkpointed(5, 25, 0, 1, 4, 12, 14, 23, 25));
    // every epoch: each task's end
    assertEquals(List.of(1, 4, 12, 14, 23, 25), checkpointed(1, 25, 0, 1, 4, 12, 14, 23, 25));
  }
}
