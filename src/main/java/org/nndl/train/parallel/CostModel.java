package org.nndl.train.parallel;

/**
 * An epoch's time under the parallel plan on N workers, one core each, against exact SGD on one
 * core (the fused plan), from five measured figures:
 *
 * <pre>  busy(N) = n s / N + R(N) (a + b N),   parallel(N) = busy(N) + c / E(N),   exact = n e</pre>
 *
 * where s is the kernel's time per sample (a step's forward and backward pass and update, per
 * sample, on one core), e the fused plan's time per sample (its epoch over n), R(N) the rounds an epoch of {@link SyncRule#auto} takes, a + b N a round's
 * cost beyond its arithmetic (the driver's hub receives N parts and sends N totals, so it grows
 * with N), c the barrier stage's own cost and E(N) the epochs of a stretch that share it (as
 * {@link ParallelSgd} sizes them: about {@link ParallelSgd#STRETCH_SECONDS} of epochs, at least
 * one). With the accuracy table of docs/scaling.md
 * (the parallel plan reaches exact SGD's accuracy in the same epochs), the speed-up of
 * time-to-accuracy is exact / parallel(N). The COST point (McSherry et al. 2015) is the least N
 * at which the parallel plan beats one core running exact SGD.
 *
 * @param sampleSeconds s
 * @param exactSampleSeconds e
 * @param roundSeconds a, a round's fixed cost
 * @param roundSecondsPerWorker b, what each worker's part adds to a round
 * @param stageSeconds c, a barrier stage's own cost (launch, broadcast, the hub's connections, the end)
 */
public record CostModel(double sampleSeconds, double exactSampleSeconds, double roundSeconds, double roundSecondsPerWorker,
    double stageSeconds) {
  /** Exact SGD's epoch of n samples on one core. */
  public double exactEpoch(long n) { return n * exactSampleSeconds; }

  /** The rounds of an epoch of n samples for N workers at mini-batches of m and learning rate eta. */
  public static long rounds(long n, int workers, int m, double eta) {
    long perWorker = (n + workers - 1) / workers;
    return Steps.rounds(Steps.of((int) perWorker, m), SyncRule.auto(workers, m, eta).stepsPerRound());
  }

  /** The parallel plan's epoch of n samples on N workers, one core each. */
  public double parallelEpoch(long n, int workers, int m, double eta) {
    double busy = n * sampleSeconds / workers + rounds(n, workers, m, eta) * (roundSeconds + roundSecondsPerWorker * workers);
    return busy + stageSeconds / stretchEpochs(busy);
  }

  /** E: the epochs of a stretch whose epochs take busy seconds each, beside the stage's own cost. */
  static long stretchEpochs(double busy) { return Math.max(1, (long) (ParallelSgd.STRETCH_SECONDS / busy)); }

  /** exact / parallel(N): the speed-up of time-to-accuracy at the same epochs. */
  public double speedup(long n, int workers, int m, double eta) {
    return exactEpoch(n) / parallelEpoch(n, workers, m, eta);
  }

  /** The least N in 2..most at which the parallel plan is faster than exact SGD on one core, or -1. */
  public int costPoint(long n, int m, double eta, int most) {
    for (int w = 2; w <= most; w++) if (speedup(n, w, m, eta) > 1) return w;
    return -1;
  }

  /** a and b of a + b N fitted by least squares to round costs measured at each N. */
  public static double[] fitRound(int[] workers, double[] seconds) {
    int k = workers.length;
    if (k == 1) return new double[] {seconds[0], 0};
    double mx = 0, my = 0;
    for (int i = 0; i < k; i++) { mx += workers[i]; my += seconds[i]; }
    mx /= k;
    my /= k;
    double sxy = 0, sxx = 0;
    for (int i = 0; i < k; i++) {
      sxy += (workers[i] - mx) * (seconds[i] - my);
      sxx += (workers[i] - mx) * (workers[i] - mx);
    }
    double b = sxx == 0 ? 0 : sxy / sxx;
    return new double[] {my - b * mx, b};
  }
}
