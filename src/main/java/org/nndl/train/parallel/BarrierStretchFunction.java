package org.nndl.train.parallel;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.apache.spark.BarrierTaskContext;
import org.apache.spark.broadcast.Broadcast;
import org.nndl.compat.Scala;
import org.nndl.net.Sgd;
import scala.collection.Iterator;
import scala.runtime.AbstractFunction1;

/**
 * The task of a stretch of the parallel plan's epochs, in one barrier stage (all its tasks run at
 * once, and a failed task retries them all): it carries its slot's workers through every round of
 * each epoch ({@link Rounds}), each round's parts exchanged through the driver's
 * {@link RoundHub}, no Spark job per round or per epoch. It ends after the stretch's last epoch,
 * after an epoch in which the driver asked to stop, or at a round that diverged. It returns
 * nothing: the driver's {@link Replay} of the rounds holds the parameters. A retried stage goes on
 * from the last round an earlier attempt completed (w and u from the hub); everything else comes
 * from the broadcast and the fields, so it gives the same bits.
 */
final class BarrierStretchFunction extends AbstractFunction1<Iterator<Shard>, Iterator<Object>> implements Serializable {
  /** A test's look at each round's exchange, before it (e.g. to fail a first attempt); round -1: before the task connects. */
  interface Probe extends Serializable {
    Probe NONE = (context, round) -> {};

    void beforeExchange(BarrierTaskContext context, long round);
  }

  private final Broadcast<double[][]> start;  // {w, u}
  private final Rounds rounds;
  private final RoundHub.Address hub;
  private final long seed;
  private final int first;
  private final int count;
  private final Sgd sgd;
  private final Probe probe;

  BarrierStretchFunction(Broadcast<double[][]> start, Rounds rounds, RoundHub.Address hub, long seed, int first, int count,
      Sgd sgd, Probe probe) {
    this.start = start;
    this.rounds = rounds;
    this.hub = hub;
    this.seed = seed;
    this.first = first;
    this.count = count;
    this.sgd = sgd;
    this.probe = probe;
  }

  @Override
  public Iterator<Object> apply(Iterator<Shard> it) {
    BarrierTaskContext context = BarrierTaskContext.get();
    List<Shard> carried = new ArrayList<>();
    while (it.hasNext()) carried.add(it.next());
    double[] w = start.value()[0].clone(), u = start.value()[1].clone();
    probe.beforeExchange(context, -1);
    try (HubExchange hubEnd = new HubExchange(hub, context.stageAttemptNumber(), context.partitionId())) {
      RoundHub.Resume resume = hubEnd.awaitStart(w.length);  // a retried stage goes on from the last round completed
      long done = resume == null ? 0 : resume.rounds(), perEpoch = rounds.perEpoch(sgd.m());
      if (resume != null) {
        w = resume.params();
        u = resume.velocity();
      }
      long[] round = {done};
      Rounds.Exchange exchange = (mine, change) -> {
        probe.beforeExchange(context, round[0]++);
        return hubEnd.total(mine, change);
      };
      for (int epoch = first + (int) (done / perEpoch); epoch < first + count; epoch++) {
        long from = epoch == first + done / perEpoch ? done % perEpoch : 0;
        if (rounds.epoch(w, u, carried, seed, epoch, sgd, exchange, null, from).diverged() || hubEnd.stopRequested()) break;
      }
    }
    return Scala.iterator(Collections.emptyIterator());
  }
}
