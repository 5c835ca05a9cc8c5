package org.nndl.compute;

/**
 * One pass of a plain SGD step over a range of the flat parameters,
 * {@code to[i] = keep * from[i] - step * g[i]} (keep = 1 - eta lambda / n for L2's weights, 1 for
 * biases: the book's eq. 93-94), which also keeps the largest |g[i]| and |to[i]| it passed, so a
 * step's checks (a gradient out of range, a result not finite) cost no pass of their own. Each
 * entry is the scalar expression's two products and one difference, each rounded as Java rounds
 * it, so the Vector API's lanes and the plain loop give the same bits. Not thread-safe.
 */
public final class StepSweep {
  /** A sweep that checks nothing (shared: it keeps no state), for a step that needs no checks. */
  public static final StepSweep UNCHECKED = new StepSweep(false);

  private final boolean checks;
  private double largestGradient;
  private double largestResult;

  /** A sweep that keeps the largest |g| and |result|. */
  public StepSweep() { this(true); }

  private StepSweep(boolean checks) { this.checks = checks; }

  /** Whether it keeps the largest |g| and |result| (false: {@link #UNCHECKED}). */
  boolean checks() { return checks; }

  /** Forgets what it has seen: the start of a step. */
  public StepSweep reset() {
    largestGradient = 0;
    largestResult = 0;
    return this;
  }

  /** Writes {@code to[i] = keep * from[i] - step * g[i]} for start <= i < end (to may be from). */
  public void sweep(double[] from, double[] g, double[] to, int start, int end, double keep, double step) {
    if (!checks) {
      for (int i = start; i < end; i++) to[i] = keep * from[i] - step * g[i];
      return;
    }
    int i = start;
    if (Products.VECTOR && end - start >= VectorProducts.lanes()) i = VectorProducts.sweep(from, g, to, start, end, keep, step, this);
    for (; i < end; i++) {
      double v = keep * from[i] - step * g[i];
      to[i] = v;
      see(g[i], v);
    }
  }

  /** Notes one entry's gradient and result (for update rules that write their own loop). */
  public void see(double gradient, double result) {
    if (!checks) return;
    largestGradient = Math.max(largestGradient, Math.abs(gradient));
    largestResult = Math.max(largestResult, Math.abs(result));
  }

  /** Notes the largest |gradient| and |result| of many entries (NaN when one was NaN). */
  void seeLargest(double gradient, double result) {
    largestGradient = Math.max(largestGradient, gradient);
    largestResult = Math.max(largestResult, result);
  }

  /** The largest |g| passed since {@link #reset} (NaN if one was NaN). */
  public double largestGradient() { return largestGradient; }

  /** True when every result since {@link #reset} was a finite number. */
  public boolean resultsFinite() { return largestResult < Double.POSITIVE_INFINITY; }
}
