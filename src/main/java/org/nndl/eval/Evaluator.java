package org.nndl.eval;

import java.io.Serializable;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.nndl.compute.PartitionJob;
import org.nndl.data.Block;
import org.nndl.net.NetworkSpec;

/** Scores a whole set in one Spark job: each block goes forward in chunks of matrix products. */
public final class Evaluator implements Serializable {
  private final NetworkSpec spec;

  public Evaluator(NetworkSpec spec) { this.spec = spec; }

  public Score score(JavaSparkContext sc, JavaRDD<Block> blocks, double[] params) {
    return PartitionJob.withParams(sc, params, blocks, bc -> new ScoreFunction(bc, spec), PartitionJob.all(blocks),
        new Score(), Score.class);
  }
}
