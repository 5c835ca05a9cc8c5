package org.nndl.train.parallel;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.TreeMap;
import org.apache.spark.Partitioner;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.api.java.function.PairFlatMapFunction;
import org.apache.spark.storage.StorageLevel;
import org.nndl.cache.CachedSet;
import org.nndl.data.Block;
import scala.Tuple2;

/**
 * The training set as the workers hold it: one {@link Shard} per worker, the shards of a slot's
 * workers in that slot's partition (slots = the tasks of the barrier stage, at most the cluster's
 * cores). Built once per run from the cached blocks (one shuffle: each block goes to the slots of
 * the workers whose samples it holds) and kept in memory; closing it frees them.
 */
public final class ShardedSet implements AutoCloseable {
  private final JavaRDD<Shard> shards;

  private ShardedSet(JavaRDD<Shard> shards) { this.shards = shards; }

  /** The shards of set's samples for workers, in slots partitions, cached and counted. */
  public static ShardedSet of(CachedSet set, Workers workers, int slots) {
    JavaPairRDD<Integer, Block> keyed = set.blocks().flatMapToPair(new ToWorkers(workers));
    JavaRDD<Shard> shards = keyed.partitionBy(new SlotPartitioner(workers, slots))
        .mapPartitions(new Group(workers), true).persist(StorageLevel.MEMORY_ONLY());
    shards.count();
    return new ShardedSet(shards);
  }

  public JavaRDD<Shard> rdd() { return shards; }

  @Override public void close() { shards.unpersist(false); }

  /** A block, keyed by each worker whose samples it holds. */
  private static final class ToWorkers implements PairFlatMapFunction<Block, Integer, Block> {
    private final Workers workers;

    ToWorkers(Workers workers) { this.workers = workers; }

    @Override public Iterator<Tuple2<Integer, Block>> call(Block b) {
      List<Tuple2<Integer, Block>> out = new ArrayList<>();
      for (int k = 0; k < workers.count(); k++) {
        if (workers.size(k) > 0 && b.first() < workers.to(k) && b.end() > workers.from(k)) out.add(new Tuple2<>(k, b));
      }
      return out.iterator();
    }
  }

  /** Worker k to its slot. */
  private static final class SlotPartitioner extends Partitioner {
    private final Workers workers;
    private final int slots;

    SlotPartitioner(Workers workers, int slots) {
      this.workers = workers;
      this.slots = slots;
    }

    @Override public int numPartitions() { return slots; }

    @Override public int getPartition(Object key) { return workers.slotOf((Integer) key, slots); }

    @Override public boolean equals(Object o) {
      return o instanceof SlotPartitioner p && p.slots == slots && p.workers.equals(workers);
    }

    @Override public int hashCode() { return workers.hashCode() * 31 + slots; }
  }

  /** A partition's (worker, block) pairs as one shard per worker, in worker order. */
  private static final class Group implements FlatMapFunction<Iterator<Tuple2<Integer, Block>>, Shard> {
    private final Workers workers;

    Group(Workers workers) { this.workers = workers; }

    @Override public Iterator<Shard> call(Iterator<Tuple2<Integer, Block>> pairs) {
      TreeMap<Integer, List<Block>> byWorker = new TreeMap<>();
      pairs.forEachRemaining(t -> byWorker.computeIfAbsent(t._1(), k -> new ArrayList<>()).add(t._2()));
      List<Shard> shards = new ArrayList<>();
      byWorker.forEach((k, blocks) -> shards.add(new Shard(k, workers.from(k), workers.to(k), blocks)));
      return shards.iterator();
    }
  }
}
