package org.nndl.data;

import java.util.Arrays;
import org.apache.spark.Partitioner;

/**
 * Sends block id b to the partition p with {@code firstBlock[p] <= b < firstBlock[p+1]}, so that
 * each partition of a repartitioned set holds one contiguous, ordered run of samples.
 */
final class ContiguousPartitioner extends Partitioner {
  private final int[] firstBlock;

  ContiguousPartitioner(int[] firstBlock) { this.firstBlock = firstBlock.clone(); }

  @Override public int numPartitions() { return firstBlock.length - 1; }

  @Override public int getPartition(Object key) {
    int b = (Integer) key;
    int at = Arrays.binarySearch(firstBlock, 0, numPartitions(), b);
    return at >= 0 ? at : -at - 2;
  }

  @Override public boolean equals(Object o) {
    return o instanceof ContiguousPartitioner other && Arrays.equals(firstBlock, other.firstBlock);
  }

  @Override public int hashCode() { return Arrays.hashCode(firstBlock); }
}
