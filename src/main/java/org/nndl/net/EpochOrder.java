package org.nndl.net;

/**
 * The order in which each epoch visits the training set, as in the chapter-3 notebook:
 * {@code rng = np.random.default_rng(seed)} first draws the initial parameters (one normal each,
 * {@link Initializer}), then each epoch {@code rng.shuffle(training_data)} shuffles, in place, the
 * order the previous epoch left. Epoch e's order is so a function of (seed, parameter count, n, e),
 * whatever the initial parameters actually used were (a checkpoint's, say): it is rebuilt by
 * replaying the draws, which is cheap (one bounded draw per sample and epoch), so a resumed run
 * and the reference walk exactly the batches of an uninterrupted run and checkpoints need no
 * generator state.
 */
public final class EpochOrder {
  private final long seed;
  private final int initDraws;
  private final int n;
  private NumpyRandom rng;
  private int[] order;
  private int shuffled;  // epochs shuffled so far into order

  /** The orders of n samples for seed, after an initializer that drew initDraws normals (Layout.parameterCount()). */
  public EpochOrder(long seed, int initDraws, int n) {
    if (initDraws < 0 || n < 0) throw new IllegalArgumentException("negative count");
    this.seed = seed;
    this.initDraws = initDraws;
    this.n = n;
  }

  public long seed() { return seed; }

  /**
   * kept when it serves (seed, initDraws, n), else a new one: a loop keeps one across epochs so
   * that each next epoch costs one shuffle, and starts again when asked for another seed.
   */
  public static EpochOrder reuse(EpochOrder kept, long seed, int initDraws, int n) {
    boolean serves = kept != null && kept.seed == seed && kept.initDraws == initDraws && kept.n == n;
    return serves ? kept : new EpochOrder(seed, initDraws, n);
  }

  public int size() { return n; }

  /** Epoch e's order (e from 1): the file order 0..n-1 after e shuffles. Asking for epochs in turn costs one shuffle each. */
  public int[] of(int epoch) {
    if (epoch < 1) throw new IllegalArgumentException("epochs are numbered from 1: " + epoch);
    if (rng == null || epoch < shuffled) restart();
    while (shuffled < epoch) {
      rng.shuffle(order);
      shuffled++;
    }
    return order.clone();
  }

  /** The generator as the notebook's is after its initializer, and the list in file order. */
  private void restart() {
    rng = NumpyRandom.defaultRng(seed);
    for (int i = 0; i < initDraws; i++) rng.standardNormal();  // the scale does not change the draws
    order = new int[n];
    for (int i = 0; i < n; i++) order[i] = i;
    shuffled = 0;
  }

  /** Number of mini-batches of size m over n samples (the last one may be shorter). */
  public static int batches(int n, int m) { return (n + m - 1) / m; }
}
