package org.nndl.eval;

import java.io.Serializable;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.nndl.compute.PartitionJob;
import org.nndl.data.Block;
import org.nndl.net.NetworkSpec;
import scala.collection.Iterator;

/** Scores a whole set in one Spark job: each block goes forward in chunks of matrix products. */
public final class Evaluator implements Serializable {
  private final NetworkSpec spec;

  public Evaluator(NetworkSpec spec) { this.spec = spec; }

  /**
   * Scores several sets in one Spark job (one job's overhead instead of one per set, as after
   * every epoch); each set's score is the one {@link #score} gives it, bit for bit.
   */
  public List<Score> scoreAll(JavaSparkContext sc, List<JavaRDD<Block>> sets, double[] params) {
    if (sets.size() == 1) return List.of(score(sc, sets.get(0), params));
    int[] first = new int[sets.size() + 1];
    JavaRDD<Block> union = sets.get(0);
    for (int k = 0; k < sets.size(); k++) {
      first[k + 1] = first[k] + sets.get(k).getNumPartitions();
      if (k > 0) union = union.union(sets.get(k));
    }
    return PartitionJob.withParams(sc, params, union, bc -> new ScoresFunction(new ScoreFunction(bc, spec), first),
        PartitionJob.all(union), new Scores(sets.size()), Scores.class).list();
  }

  /** Scores partitions one by one, for a task that scores many (see {@link Scorer}). */
  public Scorer scorer() { return new Scorer(new ForwardPass(spec)); }

  public Score score(JavaSparkContext sc, JavaRDD<Block> blocks, double[] params) {
    return PartitionJob.withParams(sc, params, blocks, bc -> new ScoreFunction(bc, spec), PartitionJob.all(blocks),
        new Score(), Score.class);
  }

  /**
   * Partitions' scores, each as a scoring job's task computes it: a set's score is its partitions'
   * merged, so a task that scores a set's partitions one by one gets the bits of the job. Keeps its
   * batched network from one partition to the next; not thread-safe: one per task.
   */
  public static final class Scorer {
    private final ForwardPass pass;

    private Scorer(ForwardPass pass) { this.pass = pass; }

    public Score partition(double[] params, Iterator<Block> blocks) { return ScoreFunction.score(pass, params, blocks); }
  }
}
