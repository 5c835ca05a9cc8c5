package org.nndl.eval;

import java.io.Serializable;
import java.util.Arrays;
import java.util.List;
import org.nndl.compute.Mergeable;

/** The scores of several sets scored in one job: slot k is set k's, merged across its partitions. */
final class Scores implements Serializable, Mergeable<Scores> {
  private final Score[] slots;

  Scores(int sets) {
    slots = new Score[sets];
    for (int k = 0; k < sets; k++) slots[k] = new Score();
  }

  /** A partition's result: its score in its set's slot, empty scores elsewhere. */
  static Scores of(int sets, int k, Score score) {
    Scores s = new Scores(sets);
    s.slots[k] = score;
    return s;
  }

  @Override
  public Scores merge(Scores other) {
    for (int k = 0; k < slots.length; k++) slots[k].merge(other.slots[k]);
    return this;
  }

  List<Score> list() { return Arrays.asList(slots); }
}
