package org.nndl.train.parallel;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.nndl.data.Block;

/**
 * What one worker holds: its number k and the cached blocks that overlap its samples
 * [from, to), sorted by their first sample (a block across a shard boundary is in both shards;
 * the worker only walks its own samples). Sorted, so a batch's samples enter the kernel's matrix
 * in the same order wherever the blocks came from.
 */
public record Shard(int worker, int from, int to, List<Block> blocks) implements Serializable {
  public Shard {
    blocks = new ArrayList<>(blocks);
    blocks.sort(Comparator.comparingInt(Block::first));
  }

  public int size() { return to - from; }
}
