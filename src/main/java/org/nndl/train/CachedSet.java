package org.nndl.train;

import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.broadcast.Broadcast;
import org.nndl.data.Block;

/**
 * A data set cached on the executors as blocks, with the sample range each partition holds, so
 * that a step runs tasks only on the partitions that hold samples of its mini-batch.
 *
 * @param firstSample firstSample[p] is the first sample index of partition p; firstSample[P] = n
 * @param source the broadcast the blocks are rebuilt from if an executor loses one, or null when
 *     the executors read the blocks from files (then a lost block is read again)
 */
public record CachedSet(JavaRDD<Block> blocks, int[] firstSample, Broadcast<List<Block>> source)
    implements AutoCloseable {

  public int partitions() { return firstSample.length - 1; }

  public int size() { return firstSample[firstSample.length - 1]; }

  /** The partitions holding at least one of the sorted sample indices. */
  public int[] partitionsOf(int[] sortedSamples) {
    int[] out = new int[Math.min(sortedSamples.length, partitions())];
    int count = 0, p = 0;
    for (int s : sortedSamples) {
      while (s >= firstSample[p + 1]) p++;
      if (count == 0 || out[count - 1] != p) out[count++] = p;
    }
    return java.util.Arrays.copyOf(out, count);
  }

  @Override public void close() {
    blocks.unpersist(false);
    if (source != null) source.destroy();
  }
}
