package org.nndl.train.parallel;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.BarrierTaskContext;
import org.apache.spark.broadcast.Broadcast;
import org.nndl.compat.Scala;
import org.nndl.net.Sgd;
import scala.collection.Iterator;
import scala.runtime.AbstractFunction1;

/**
 * The task of one epoch of the parallel plan, in a barrier stage (all its tasks run at once, and
 * a failed task retries them all): it carries its slot's workers through every round of the
 * epoch ({@link Rounds}), each round's parts exchanged through the driver's {@link RoundHub}, no
 * Spark job per round. Every task then holds the same w; the first returns it with the velocity.
 * Everything comes from the broadcast and the fields, so a retried stage gives the same bits.
 */
final class BarrierEpochFunction extends AbstractFunction1<Iterator<Shard>, Iterator<EpochResult>> implements Serializable {
  /** A test's look at each round's exchange, before it (e.g. to fail a first attempt); round -1: before the task connects. */
  interface Probe extends Serializable {
    Probe NONE = (context, round) -> {};

    void beforeExchange(BarrierTaskContext context, long round);
  }

  private final Broadcast<double[][]> start;  // {w, u}
  private final Rounds rounds;
  private final RoundHub.Address hub;
  private final long seed;
  private final int epoch;
  private final Sgd sgd;
  private final Probe probe;

  BarrierEpochFunction(Broadcast<double[][]> start, Rounds rounds, RoundHub.Address hub, long seed, int epoch, Sgd sgd,
      Probe probe) {
    this.probe = probe;
    this.start = start;
    this.rounds = rounds;
    this.hub = hub;
    this.seed = seed;
    this.epoch = epoch;
    this.sgd = sgd;
  }

  @Override
  public Iterator<EpochResult> apply(Iterator<Shard> it) {
    long t0 = System.nanoTime();
    BarrierTaskContext context = BarrierTaskContext.get();
    List<Shard> carried = new ArrayList<>();
    while (it.hasNext()) carried.add(it.next());
    double[] w = start.value()[0].clone(), u = start.value()[1].clone();
    Rounds.Outcome out;
    probe.beforeExchange(context, -1);
    try (HubExchange hubEnd = new HubExchange(hub, context.stageAttemptNumber(), context.partitionId())) {
      long[] round = {0};
      Rounds.Exchange exchange = (mine, change) -> {
        probe.beforeExchange(context, round[0]++);
        return hubEnd.total(mine, change);
      };
      out = rounds.epoch(w, u, carried, seed, epoch, sgd, exchange);
    }
    List<EpochResult> result = context.partitionId() == 0
        ? List.of(new EpochResult(w, u, out.rounds(), out.diverged(), System.nanoTime() - t0)) : List.of();
    return Scala.iterator(result.iterator());
  }
}
