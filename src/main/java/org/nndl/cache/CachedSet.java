package org.nndl.cache;

import java.util.Arrays;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.stream.IntStream;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.api.java.function.Function;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.storage.StorageLevel;
import org.nndl.data.Block;
import org.nndl.data.Dataset;
import org.nndl.data.DistributedSet;
import org.nndl.data.Shift;

/**
 * A data set cached on the executors as blocks, with the sample range each partition holds, so
 * that a step runs tasks only on the partitions that hold samples of its mini-batch.
 *
 * @param firstSample firstSample[p] is the first sample index of partition p; firstSample[P] = n
 * @param source the broadcast the blocks are rebuilt from if an executor loses one, or null when
 *     the executors read the blocks from files (then a lost block is read again) or for a view
 *     ({@link #expanded}), which owns nothing
 */
public record CachedSet(JavaRDD<Block> blocks, int[] firstSample, Broadcast<List<Block>> source)
    implements AutoCloseable {
  private static final int MAX_BLOCK = 4096;

  /** The block size that gives every one of the partitions at least one block, capped. */
  public static int blockSize(int n, int partitions) {
    return Math.max(1, Math.min(MAX_BLOCK, (n + partitions - 1) / partitions));
  }

  /**
   * Cuts a set into cached blocks spread over the given number of partitions. The blocks reach
   * the executors through one broadcast, not inside the RDD's partitions: a parallelized
   * collection would ship its data with every task, i.e. with every SGD step.
   */
  public static CachedSet broadcast(JavaSparkContext sc, Dataset set, int partitions) {
    List<Block> blocks = Block.split(set, blockSize(set.size(), partitions));
    Broadcast<List<Block>> source = sc.broadcast(blocks);
    int parts = Math.min(partitions, blocks.size());
    JavaRDD<Block> rdd = sc.parallelize(IntStream.range(0, blocks.size()).boxed().toList(), parts)
        .map(i -> source.value().get(i))
        .persist(StorageLevel.MEMORY_ONLY());
    // Materialises the cache and learns which samples each partition holds (blocks are in order).
    List<int[]> starts = rdd.mapPartitionsWithIndex((p, it) -> {
      int first = Integer.MAX_VALUE;
      while (it.hasNext()) first = Math.min(first, it.next().first());
      return List.of(new int[] {p, first}).iterator();
    }, true).collect();
    int[] firstSample = new int[parts + 1];
    for (int[] s : starts) firstSample[s[0]] = s[1];
    firstSample[parts] = set.size();
    return new CachedSet(rdd, firstSample, source);
  }

  /** Caches blocks that the executors read themselves; a lost block is read again from its file. */
  public static CachedSet of(DistributedSet set) {
    CachedSet cached = persisted(set);
    cached.blocks().count();
    return cached;
  }

  /**
   * As {@link #of}, but the blocks are read and cached by the first job over {@code set.blocks()}
   * (the same RDD), one the caller runs anyway.
   */
  public static CachedSet persisted(DistributedSet set) {
    return new CachedSet(set.blocks().persist(StorageLevel.MEMORY_ONLY()), set.firstSample(), null);
  }

  /**
   * The book's expanded training data (5x: each image, then its copies moved one pixel down, up,
   * right and left; {@link Shift}) as a view of this set: the cached blocks mapped to their
   * expanded views, which widen the copies from the same cached bytes on the executors. Nothing
   * more is cached or broadcast, so the view owns nothing: closing it leaves this set cached, and
   * this set is still closed by its owner, after the view's last use.
   */
  public CachedSet expanded() {
    int[] first = new int[firstSample.length];
    for (int p = 0; p < first.length; p++) first[p] = Math.multiplyExact(firstSample[p], Shift.COPIES);
    return new CachedSet(blocks.map(new ExpandedView()), first, null);
  }

  /**
   * A named class rather than a lambda, as the project's tasks are: the view's RDD, this function
   * included, is serialized into every step's task, and a field-less class is the smallest there.
   */
  private static final class ExpandedView implements Function<Block, Block> {
    @Override public Block call(Block block) { return block.expanded(); }
  }

  /**
   * The first n samples (all when n >= size) as a view of this set: its cached blocks that hold
   * them, the last one cut. Like {@link #expanded}, the view owns nothing and this set stays
   * cached until its owner closes it.
   */
  public CachedSet head(int n) {
    int[] first = new int[firstSample.length];
    for (int p = 0; p < first.length; p++) first[p] = Math.min(firstSample[p], n);
    return new CachedSet(blocks.flatMap(new Head(n)), first, null);
  }

  /** A block cut to the samples before n, or nothing when it starts at n or later (a named class, as {@link ExpandedView}). */
  private static final class Head implements FlatMapFunction<Block, Block> {
    private final int n;

    Head(int n) { this.n = n; }

    @Override public Iterator<Block> call(Block block) {
      return block.first() >= n ? Collections.emptyIterator() : List.of(block.head(n - block.first())).iterator();
    }
  }

  public int partitions() { return firstSample.length - 1; }

  public int size() { return firstSample[firstSample.length - 1]; }

  /** The partition holding a sample. */
  public int partitionOf(int sample) {
    int i = Arrays.binarySearch(firstSample, sample);
    if (i < 0) return -i - 2;
    while (i + 1 < firstSample.length - 1 && firstSample[i + 1] == sample) i++;  // skips empty partitions
    return i;
  }

  /** The partitions holding at least one of the sorted sample indices. */
  public int[] partitionsOf(int[] sortedSamples) {
    int[] out = new int[Math.min(sortedSamples.length, partitions())];
    int count = 0, p = 0;
    for (int s : sortedSamples) {
      while (s >= firstSample[p + 1]) p++;
      if (count == 0 || out[count - 1] != p) out[count++] = p;
    }
    return Arrays.copyOf(out, count);
  }

  /**
   * Frees the cached blocks and their broadcast. Nothing to do once the SparkContext has stopped
   * (it freed them), and Spark's unpersist would then fail: this runs on the way out of failures,
   * whose own exception must be the one reported (a cluster that ended the application, say).
   */
  @Override public void close() {
    if (blocks.context().isStopped()) return;
    blocks.unpersist(false);
    if (source != null) source.destroy();
  }
}
