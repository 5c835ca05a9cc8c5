package org.nndl.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.List;
import org.nndl.compute.BatchNetwork;
import org.nndl.compute.Gradient;
import org.nndl.data.Block;
import org.nndl.data.Dataset;
import org.nndl.net.EpochOrder;
import org.nndl.net.Initializer;
import org.nndl.net.Sgd;
import org.nndl.train.TrainSettings;
import org.nndl.train.Updater;

/**
 * The executor's kernel alone on one thread, as fused exact steps run it: for each mini-batch of
 * an epoch's order, widen its samples from the bytes, forward, backward, update. Timed by this
 * thread's CPU clock, so a neighbour's share of a busy core does not count: samples/s per core.
 */
final class KernelSpeed {
  /** What the issue asks of the kernel at m = 10: twice numpy's single-core speed. */
  static final double TARGET = 100_000;
  /** Evaluation's chunk (ForwardPass.CHUNK). */
  private static final int CHUNK = 512;

  private final TrainSettings settings;
  private final Dataset train;

  KernelSpeed(TrainSettings settings, Dataset train) {
    this.settings = settings;
    this.train = train;
  }

  /** The first epoch (cold: the JIT compiles during it), then the second, warm. */
  List<Measure> measure(int m) {
    double[] params = Initializer.DEFAULT.init(settings.spec().layout(), settings.seed());
    List<Block> blocks = Block.split(train, 10_000);
    double cold = epoch(params, blocks, m, 1), warm = epoch(params, blocks, m, 2);
    String name = "kernel: widen + forward + backward + update, m=" + m + ", 1 thread, samples/s per core";
    forwardOnly(params, blocks);  // warm-up
    return List.of(Measure.of(name + ", first epoch", cold, "samples/s"),
        Measure.of(name, warm, "samples/s"),
        Measure.atLeast("kernel samples/s per core / " + (int) TARGET + ", m=" + m, warm / TARGET, "x", 1),
        Measure.of("kernel: widen + forward in chunks of " + CHUNK + " (evaluation), 1 thread, samples/s per core",
            forwardOnly(params, blocks), "samples/s"));
  }

  /** One epoch of m-sample steps (number epoch of the seed's orders) from the initial parameters: samples/s of CPU time. */
  double epoch(int m, int epoch) {
    return epoch(Initializer.DEFAULT.init(settings.spec().layout(), settings.seed()), Block.split(train, 10_000), m, epoch);
  }

  /** Evaluation's use of the kernel (ForwardPass): every sample fed forward in chunks of CHUNK columns. */
  private double forwardOnly(double[] params, List<Block> blocks) {
    BatchNetwork net = new BatchNetwork(settings.spec(), CHUNK);
    double[] x = net.input();
    double sink = 0;
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    long t0 = threads.getCurrentThreadCpuTime();
    for (Block block : blocks) {
      for (int start = block.first(); start < block.end(); start += CHUNK) {
        int k = Math.min(CHUNK, block.end() - start);
        for (int c = 0; c < k; c++) block.widen(start + c, x, c);
        sink += net.forward(params, k)[0];
      }
    }
    double seconds = (threads.getCurrentThreadCpuTime() - t0) / 1e9;
    if (Double.isNaN(sink)) throw new IllegalStateException("the network's output is NaN");
    return train.size() / seconds;
  }

  /** One epoch of steps on params; returns samples per second of this thread's CPU time. */
  private double epoch(double[] params, List<Block> blocks, int m, int epoch) {
    int n = train.size();
    int[] order = new EpochOrder(settings.seed(), params.length, n).of(epoch);  // the notebook's order (a bench: no reuse needed)
    Gradient gradient = new Gradient(settings.spec());
    Updater updater = new Updater(settings.spec().layout());
    Sgd sgd = Sgd.network2(m, settings.eta(), settings.lambda());
    double[] grad = new double[params.length];
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    long t0 = threads.getCurrentThreadCpuTime();
    for (int k = 0; k < n; k += m) {
      int[] batch = Arrays.copyOfRange(order, k, Math.min(k + m, n));
      Arrays.sort(batch);
      Arrays.fill(grad, 0.0);
      gradient.accumulate(params, blocks, batch, epoch, k / m, grad);
      updater.apply(params, grad, batch.length, sgd, n);
    }
    return n / ((threads.getCurrentThreadCpuTime() - t0) / 1e9);
  }
}
