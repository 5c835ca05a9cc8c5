package org.nndl.net;

import org.nndl.data.Dataset;

/**
 * The single-machine reference: Nielsen's network2.py, one sample at a time, in plain loops.
 * It is deliberately naive (no BLAS, no batching) so that it is an independent truth for the
 * distributed trainer, which must reach the same parameters.
 */
public final class Network2 {
  private final NetworkSpec spec;
  private final Layout layout;
  private final double[] params;

  public Network2(NetworkSpec spec, double[] params) {
    if (params.length != spec.layout().parameterCount()) throw new IllegalArgumentException("wrong parameter count");
    this.spec = spec;
    this.layout = spec.layout();
    this.params = params;
  }

  public double[] params() { return params; }

  /** The activations of every layer for input x: a^0 = x, a^l = sigma(W^l a^(l-1) + b^l). */
  double[][] feedforward(double[] x, double[][] zs) {
    double[][] as = new double[layout.layers()][];
    as[0] = x;
    for (int l = 1; l < layout.layers(); l++) {
      double[] z = new double[layout.size(l)];
      for (int j = 0; j < z.length; j++) {
        double s = params[layout.biases(l) + j];
        for (int k = 0; k < layout.size(l - 1); k++) s += params[layout.weight(l, j, k)] * as[l - 1][k];
        z[j] = s;
      }
      zs[l] = z;
      as[l] = new double[z.length];
      for (int j = 0; j < z.length; j++) as[l][j] = spec.activation().apply(z[j]);
    }
    return as;
  }

  /** The output a^L for input x. */
  public double[] output(double[] x) {
    double[][] as = feedforward(x, new double[layout.layers()][]);
    return as[layout.layers() - 1];
  }

  /** Backpropagation (BP1-BP4) for one sample, added into nabla (flat, same layout as the parameters). */
  public void backprop(double[] x, double[] y, double[] nabla) {
    double[][] zs = new double[layout.layers()][];
    double[][] as = feedforward(x, zs);
    int last = layout.layers() - 1;
    double[] delta = new double[layout.size(last)];
    for (int j = 0; j < delta.length; j++) {
      delta[j] = spec.cost().delta(zs[last][j], as[last][j], y[j], spec.activation());
    }
    for (int l = last; l >= 1; l--) {
      for (int j = 0; j < layout.size(l); j++) {
        nabla[layout.biases(l) + j] += delta[j];                                   // BP3
        for (int k = 0; k < layout.size(l - 1); k++) {
          nabla[layout.weight(l, j, k)] += as[l - 1][k] * delta[j];                // BP4
        }
      }
      if (l > 1) {
        double[] prev = new double[layout.size(l - 1)];
        for (int k = 0; k < prev.length; k++) {
          double s = 0;
          for (int j = 0; j < layout.size(l); j++) s += params[layout.weight(l, j, k)] * delta[j];
          prev[k] = s * spec.activation().prime(zs[l - 1][k]);                     // BP2
        }
        delta = prev;
      }
    }
  }

  /**
   * One SGD step on the samples order[from..to) of data, network2's update_mini_batch:
   * w <- (1 - eta*lambda/n) w - (eta/m) sum nabla_w,  b <- b - (eta/m) sum nabla_b.
   */
  public void updateMiniBatch(Dataset data, int[] order, int from, int to, double eta, double lambda, int n) {
    double[] nabla = new double[params.length];
    for (int i = from; i < to; i++) backprop(input(data, order[i]), target(data.label(order[i])), nabla);
    int m = to - from;
    for (int i = 0; i < params.length; i++) {
      double decay = layout.isWeight(i) ? 1 - eta * (lambda / n) : 1.0;
      params[i] = decay * params[i] - (eta / m) * nabla[i];
    }
  }

  /** One epoch of network2's SGD: shuffle (seeded by seed and epoch), then consecutive mini-batches of m. */
  public void epoch(Dataset train, int m, double eta, double lambda, long seed, int epoch) {
    int n = train.size();
    int[] order = EpochOrder.permutation(n, seed, epoch);
    for (int k = 0; k < n; k += m) updateMiniBatch(train, order, k, Math.min(k + m, n), eta, lambda, n);
  }

  /** Number of samples whose most active output neuron is the label. */
  public int accuracy(Dataset data) {
    int correct = 0;
    for (int i = 0; i < data.size(); i++) if (argmax(output(input(data, i))) == data.label(i)) correct++;
    return correct;
  }

  /** network2's total_cost: mean cost over the set plus 0.5*(lambda/n_set)*sum ||w||^2. */
  public double totalCost(Dataset data, double lambda) {
    double cost = 0;
    for (int i = 0; i < data.size(); i++) {
      double[] a = output(input(data, i));
      double[] y = target(data.label(i));
      for (int j = 0; j < a.length; j++) cost += spec.cost().fn(a[j], y[j]) / data.size();
    }
    return cost + 0.5 * (lambda / data.size()) * layout.weightSquares(params);
  }

  public static double[] input(Dataset data, int i) {
    double[] x = new double[data.inputSize()];
    for (int p = 0; p < x.length; p++) x[p] = data.pixel(i, p);
    return x;
  }

  double[] target(int label) {
    double[] y = new double[layout.outputSize()];
    y[label] = 1.0;
    return y;
  }

  static int argmax(double[] a) {
    int best = 0;
    for (int j = 1; j < a.length; j++) if (a[j] > a[best]) best = j;
    return best;
  }
}
