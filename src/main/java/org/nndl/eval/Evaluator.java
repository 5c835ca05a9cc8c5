package org.nndl.eval;

import java.io.Serializable;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.nndl.data.Block;
import org.nndl.net.NetworkSpec;
import org.nndl.compute.PartitionJob;

/** Scores a whole set in one Spark job: each block goes forward in chunks of matrix products. */
public final class Evaluator implements Serializable {
  private final NetworkSpec spec;

  public Evaluator(NetworkSpec spec) { this.spec = spec; }

  public Score score(JavaSparkContext sc, JavaRDD<Block> blocks, double[] params) {
    Broadcast<double[]> bc = sc.broadcast(params);
    try {
      return PartitionJob.run(sc, blocks, new ScoreFunction(bc, spec), PartitionJob.all(blocks), new Score(), Score.class);
    } finally {
      bc.destroy();
    }
  }
}
