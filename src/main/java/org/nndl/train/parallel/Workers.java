package org.nndl.train.parallel;

import java.io.Serializable;
import org.nndl.net.KeyedShuffle;

/**
 * The N workers of the parallel plan and their shards: worker k holds the training samples
 * [from(k), to(k)), consecutive and as even as N allows. A shard depends on n and N only, never
 * on how many task slots carry the workers, so the result of a run depends on N and not on the
 * cluster's size. A slot carries a consecutive group of workers ({@link #slotOf}).
 *
 * @param n the training set's samples
 * @param count N, the workers (2 <= N <= n)
 */
public record Workers(int n, int count) implements Serializable {
  /** Odd 64-bit constant spreading worker numbers over shuffle keys. */
  private static final long WORKER_MIX = 0xD1B54A32D192ED03L;

  public Workers {
    if (count < 1 || count > n) throw new IllegalArgumentException("workers " + count + " for " + n + " samples");
  }

  /** The first sample of worker k. */
  public int from(int k) { return (int) ((long) k * n / count); }

  /** The end (exclusive) of worker k's samples. */
  public int to(int k) { return from(k + 1); }

  /** Worker k's sample count. */
  public int size(int k) { return to(k) - from(k); }

  /** The slot (of slots) that carries worker k: consecutive workers share a slot. */
  public int slotOf(int k, int slots) { return (int) ((long) k * slots / count); }

  /** Worker k's walk of its samples in epoch, as offsets from from(k): a shuffle keyed by (seed, k, epoch). */
  public int[] order(long seed, int epoch, int k) { return KeyedShuffle.permutation(size(k), seed ^ (k * WORKER_MIX), epoch); }

  /** Mini-batch steps of each worker's epoch at m: ceil(size / m); the longest decides an epoch's rounds. */
  public long mostSteps(int m) { return Steps.of((int) (((long) n + count - 1) / count), m); }
}
