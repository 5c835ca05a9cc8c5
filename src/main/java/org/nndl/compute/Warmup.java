package org.nndl.compute;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.nndl.data.Block;
import org.nndl.net.Layout;
import org.nndl.net.NetworkSpec;

/**
 * Compiles the kernel before a run's first epoch needs it. The batched products use the Vector
 * API, which is fast only once the JIT has compiled them: until then each vector operation
 * allocates, and a run's first epoch on a fresh JVM is many times slower than its second (see
 * docs/speed.md). With a local master the executor is this JVM, so a background thread takes
 * steps and forward passes of the run's network on made-up data while Spark starts, and the first
 * epoch finds the same methods compiled. It changes no result: it shares nothing with the run but
 * the compiled code.
 */
public final class Warmup {
  /** Steps of the run's mini-batch size; the JIT compiles the products well within them. */
  static final int STEPS = 400;
  /** Forward passes of about a scoring chunk (as evaluation feeds them), one after each of the first steps. */
  static final int FORWARDS = 20;
  /** The most the thread runs: it is only worth the time Spark takes to start. */
  static final long MOST_NANOS = 4_000_000_000L;
  private static final int CHUNK = 512;
  private static final int GROUP = VectorProducts.GROUP;

  private Warmup() {}

  /** Starts the warm-up for a network and mini-batch size in a daemon thread. */
  public static Thread start(NetworkSpec spec, int m) {
    Thread t = new Thread(() -> {
      try {
        run(spec, m, MOST_NANOS);
      } catch (RuntimeException | OutOfMemoryError e) {
        // only time is lost: the run compiles the kernel itself (WarmupTest runs every shape the CLI allows)
      }
    }, "nndl-warmup");
    t.setDaemon(true);
    t.setPriority(Thread.MIN_PRIORITY);
    t.start();
    return t;
  }

  /**
   * Steps and forward passes for at most mostNanos; returns the samples they went through. The
   * first steps alternate with forward passes: of GROUP samples down to one, then of chunks whose
   * last group has each of those sizes (a run's scoring chunks end in any of them), so the JIT's first
   * compilation of the products has seen every branch: a branch it never saw would be compiled
   * as a trap, and the run's first scoring would throw the compiled kernel away and interpret it
   * until C2 came back to it, up to a second or two later on a busy start.
   */
  static long run(NetworkSpec spec, int m, long mostNanos) {
    long start = System.nanoTime(), samples = 0;
    Layout layout = spec.layout();
    SplittableRandom random = new SplittableRandom(1);
    int n = Math.max(CHUNK, 2 * m), inputs = layout.size(0);
    byte[] pixels = new byte[n * inputs], labels = new byte[n];
    random.nextBytes(pixels);
    for (int i = 0; i < n; i++) labels[i] = (byte) random.nextInt(layout.outputSize());
    List<Block> blocks = List.of(new Block(0, n, 1, inputs, pixels, labels));
    double[] w = new double[layout.parameterCount()];
    for (int i = 0; i < w.length; i++) w[i] = random.nextGaussian() * 0.05;
    Gradient gradient = new Gradient(spec);
    ExactSum sum = new ExactSum();
    BatchNetwork net = new BatchNetwork(spec, CHUNK);
    double[] grad = new double[w.length];
    for (int s = 0; s < STEPS && System.nanoTime() - start < mostNanos; s++) {
      int[] batch = new int[m];
      for (int i = 0; i < m; i++) batch[i] = (s * m + i) % n;
      Arrays.sort(batch);
      samples += gradient.add(w, blocks, batch, 1, s, sum.clear());
      sum.toDoubles(grad);
      if (s < FORWARDS) samples += forward(net, blocks.get(0), w, s < GROUP ? GROUP - s : CHUNK - s % GROUP);
    }
    return samples;
  }

  /** A forward pass of the first k samples of block (k <= CHUNK); returns k. */
  private static int forward(BatchNetwork net, Block block, double[] w, int k) {
    for (int c = 0; c < k; c++) block.widen(c, net.input(), c);
    net.forward(w, k);
    return k;
  }
}
