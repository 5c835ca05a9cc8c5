package org.nndl.data;

import java.util.List;
import org.apache.spark.api.java.JavaRDD;

/**
 * A data set whose blocks the executors read themselves ({@link DistributedIdx#load}). Partition p
 * holds exactly samples {@code firstSample[p] .. firstSample[p+1]-1}, in order, in blocks that
 * start at multiples of the block size; {@code firstSample[P]} is the size. The RDD is not yet
 * persisted: the caller persists and materialises it.
 */
public record DistributedSet(JavaRDD<Block> blocks, int[] firstSample, int rows, int cols, int size) {

  /** The largest label and the first sample holding it; (-1, -1) for an empty set. */
  public record MaxLabel(int value, int sample) {}

  public int partitions() { return firstSample.length - 1; }

  public int inputSize() { return rows * cols; }

  /**
   * The largest label, so that labels without an output neuron are refused before training: one
   * small job (one byte per sample, read from the cache once the caller has materialised it).
   */
  public MaxLabel maxLabel() {
    List<int[]> perPartition = blocks.mapPartitions(it -> {
      int max = -1, at = -1;
      while (it.hasNext()) {
        Block b = it.next();
        for (int i = b.first(); i < b.end(); i++) {
          if (b.label(i) > max) {
            max = b.label(i);
            at = i;
          }
        }
      }
      return List.of(new int[] {max, at}).iterator();
    }).collect();
    int max = -1, at = -1;
    for (int[] m : perPartition) { // partition order: the earliest sample wins a tie
      if (m[0] > max) {
        max = m[0];
        at = m[1];
      }
    }
    return new MaxLabel(max, at);
  }
}
