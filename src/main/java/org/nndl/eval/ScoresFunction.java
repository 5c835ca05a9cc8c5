package org.nndl.eval;

import java.io.Serializable;
import org.apache.spark.TaskContext;
import org.nndl.data.Block;
import scala.collection.Iterator;
import scala.runtime.AbstractFunction2;

/**
 * The task of scoring several sets in one job over the union of their blocks: a partition of
 * the union is a partition of set k, where k is found from the union's partition index (the sets'
 * partitions come one set after another).
 */
final class ScoresFunction extends AbstractFunction2<TaskContext, Iterator<Block>, Scores> implements Serializable {
  private final ScoreFunction score;
  private final int[] firstPartition;  // of each set in the union, and the union's count last

  ScoresFunction(ScoreFunction score, int[] firstPartition) {
    this.score = score;
    this.firstPartition = firstPartition;
  }

  @Override
  public Scores apply(TaskContext context, Iterator<Block> blocks) {
    int sets = firstPartition.length - 1;
    int k = 0;
    while (context.partitionId() >= firstPartition[k + 1]) k++;
    return Scores.of(sets, k, score.apply(context, blocks));
  }
}
