package org.nndl.eval;

import java.io.Serializable;
import org.apache.spark.TaskContext;
import org.apache.spark.broadcast.Broadcast;
import org.nndl.data.Block;
import org.nndl.net.NetworkSpec;
import scala.collection.Iterator;
import scala.runtime.AbstractFunction2;

/**
 * The task behind {@link Confusion#of}: predicts every sample of a partition with the batched
 * network (a named class, not a lambda, for the reason given in {@link PartitionJob}).
 */
final class ConfusionFunction extends AbstractFunction2<TaskContext, Iterator<Block>, Confusion> implements Serializable {
  private final Broadcast<double[]> params;
  private final NetworkSpec spec;
  private final int keep;

  ConfusionFunction(Broadcast<double[]> params, NetworkSpec spec, int keep) {
    this.params = params;
    this.spec = spec;
    this.keep = keep;
  }

  @Override
  public Confusion apply(TaskContext context, Iterator<Block> blocks) {
    Confusion result = new Confusion(spec.layout().outputSize(), keep);
    int in = spec.layout().inputSize();
    new ForwardPass(spec).each(params.value(), blocks, (net, out, c, index, label, x) ->
        result.add(index, label, net.predicted(out, c), () -> bytes(x, c, in)));
    return result;
  }

  /** The sample's bytes back from its widened column: v/255 * 255 rounds to v exactly. */
  private static byte[] bytes(double[] x, int col, int in) {
    byte[] b = new byte[in];
    for (int p = 0; p < in; p++) b[p] = (byte) Math.round(x[col * in + p] * 255.0);
    return b;
  }
}
