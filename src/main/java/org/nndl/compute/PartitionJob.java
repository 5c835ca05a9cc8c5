package org.nndl.compute;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import java.util.stream.IntStream;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.nndl.compat.Scala;
import org.nndl.data.Block;
import scala.collection.Iterator;
import scala.reflect.ClassTag$;
import scala.runtime.AbstractFunction2;
import scala.runtime.BoxedUnit;

/**
 * Runs a pre-built task on chosen partitions of the cached blocks and merges the partitions'
 * results on the driver as they arrive. The task is a named class, not a lambda: Spark re-reads
 * a lambda's bytecode to clean it on every job, which costs more than a step's arithmetic.
 */
public final class PartitionJob {
  private PartitionJob() {}

  public static <U extends Mergeable<U>> U run(JavaSparkContext sc, JavaRDD<Block> blocks,
      AbstractFunction2<TaskContext, Iterator<Block>, U> task, int[] partitions, U total, Class<U> type) {
    sc.sc().runJob(blocks.rdd(), task,
        Scala.seq(Arrays.stream(partitions).boxed().map(p -> (Object) p).toList()),
        new MergeInto<>(total), ClassTag$.MODULE$.apply(type));
    return total;
  }

  /**
   * The step's shape: broadcasts params, runs the task built on that broadcast on the given
   * partitions, merges their results on the driver, and destroys the broadcast.
   */
  public static <U extends Mergeable<U>> U withParams(JavaSparkContext sc, double[] params, JavaRDD<Block> blocks,
      Function<Broadcast<double[]>, AbstractFunction2<TaskContext, Iterator<Block>, U>> task, int[] partitions,
      U total, Class<U> type) {
    Broadcast<double[]> bc = sc.broadcast(params);
    try {
      return run(sc, blocks, task.apply(bc), partitions, total, type);
    } finally {
      bc.destroy();
    }
  }

  /** A task's blocks as a list (a partition holds a few). */
  public static List<Block> list(Iterator<Block> blocks) {
    List<Block> held = new ArrayList<>();
    while (blocks.hasNext()) held.add(blocks.next());
    return held;
  }

  /** All partitions of the blocks. */
  public static int[] all(JavaRDD<Block> blocks) {
    return IntStream.range(0, blocks.getNumPartitions()).toArray();
  }

  /** Driver side: called once per finished task (the scheduler serialises the calls). */
  private static final class MergeInto<U extends Mergeable<U>> extends AbstractFunction2<Object, U, BoxedUnit> {
    private final U total;

    MergeInto(U total) { this.total = total; }

    @Override public BoxedUnit apply(Object partition, U partial) {
      synchronized (total) { total.merge(partial); }
      return BoxedUnit.UNIT;
    }
  }
}
