package org.nndl.net;

import org.nndl.data.Dataset;

/**
 * The single-machine reference: Nielsen's network2.py, grown with the rest of chapter 3, one
 * sample at a time in plain loops. It is deliberately naive (no BLAS, no batching) so that it is
 * an independent truth for the distributed trainer, which must reach the same parameters.
 */
public final class Network2 {
  private final NetworkSpec spec;
  private final Layout layout;
  private final double[] params;
  private double[] velocity;  // momentum's v, created at the first step that uses it
  private EpochOrder orders;  // the notebook's epoch orders, kept so that epoch e+1 costs one shuffle

  public Network2(NetworkSpec spec, double[] params) {
    if (params.length != spec.layout().parameterCount()) throw new IllegalArgumentException("wrong parameter count");
    this.spec = spec;
    this.layout = spec.layout();
    this.params = params;
  }

  public double[] params() { return params; }

  /**
   * The activations of every layer for input x: a^0 = x, a^l = sigma(W^l a^(l-1) + b^l) for
   * hidden layers (times the dropout mask when masks is not null), a^L = the output layer of z^L.
   */
  double[][] feedforward(double[] x, double[][] zs, double[][] masks) {
    int last = layout.layers() - 1;
    double[][] as = new double[layout.layers()][];
    as[0] = x;
    for (int l = 1; l <= last; l++) {
      double[] z = new double[layout.size(l)];
      for (int j = 0; j < z.length; j++) {
        double s = params[layout.biases(l) + j];
        for (int k = 0; k < layout.size(l - 1); k++) s += params[layout.weight(l, j, k)] * as[l - 1][k];
        z[j] = s;
      }
      zs[l] = z;
      as[l] = new double[z.length];
      if (l == last) {
        spec.output().activate(z, as[l], 0, z.length);
      } else {
        for (int j = 0; j < z.length; j++) as[l][j] = spec.activation().apply(z[j]) * (masks == null ? 1 : masks[l][j]);
      }
    }
    return as;
  }

  /** The output a^L for input x (the full network: no dropout). */
  public double[] output(double[] x) {
    double[][] as = feedforward(x, new double[layout.layers()][], null);
    return as[layout.layers() - 1];
  }

  /** Backpropagation (BP1-BP4) for one sample with the given label, added into nabla (flat parameter layout). */
  public void backprop(double[] x, int label, double[] nabla) { backprop(x, label, nabla, null); }

  /** Backpropagation with hidden neurons dropped where masks[l][j] = 0 (masks null: none dropped). */
  public void backprop(double[] x, int label, double[] nabla, double[][] masks) {
    double[][] zs = new double[layout.layers()][];
    double[][] as = feedforward(x, zs, masks);
    int last = layout.layers() - 1;
    double[] delta = new double[layout.size(last)];
    spec.cost().delta(zs[last], as[last], 0, delta.length, label, spec.output(), delta, 0);   // BP1
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
          prev[k] = s * spec.activation().prime(zs[l - 1][k]) * (masks == null ? 1 : masks[l - 1][k]);  // BP2
        }
        delta = prev;
      }
    }
  }

  /**
   * One SGD step on the samples order[from..to) of data (network2's update_mini_batch), step
   * number {@code step} of the epoch. Without momentum: w <- shrink(w) - (eta/m) sum nabla_w,
   * b <- b - (eta/m) sum nabla_b. With momentum mu (chapter 3, eq. 107-108): v <- mu v - eta g,
   * w <- w + v, where g = (1/m) sum nabla + the penalty's gradient (weights only).
   */
  public void updateMiniBatch(Dataset data, int[] order, int from, int to, Sgd sgd, int n, int epoch, long step) {
    double[] nabla = new double[params.length];
    for (int i = from; i < to; i++) {
      int sample = order[i];
      backprop(input(data, sample), data.label(sample), nabla, masks(sgd.dropout(), epoch, step, sample));
    }
    int m = to - from;
    double rate = sgd.eta() * (sgd.lambda() / n);
    if (sgd.momentum() == 0) {
      for (int i = 0; i < params.length; i++) {
        double w = layout.isWeight(i) ? sgd.regularization().shrink(params[i], rate) : params[i];
        params[i] = w - (sgd.eta() / m) * nabla[i];
      }
      return;
    }
    if (velocity == null) velocity = new double[params.length];
    for (int i = 0; i < params.length; i++) {
      double g = nabla[i] / m + (layout.isWeight(i) ? (sgd.lambda() / n) * sgd.regularization().gradient(params[i]) : 0);
      velocity[i] = sgd.momentum() * velocity[i] - sgd.eta() * g;
      params[i] += velocity[i];
    }
  }

  /** network2's update_mini_batch with L2 and nothing else, as step 0 of epoch 0. */
  public void updateMiniBatch(Dataset data, int[] order, int from, int to, double eta, double lambda, int n) {
    updateMiniBatch(data, order, from, to, Sgd.network2(to - from, eta, lambda), n, 0, 0);
  }

  /**
   * Epoch number {@code epoch} (from 1) of SGD: the notebook's shuffle of the training list for
   * seed ({@link EpochOrder}, after this network's initializer draws), then consecutive
   * mini-batches of m.
   */
  public void epoch(Dataset train, Sgd sgd, long seed, int epoch) {
    int n = train.size();
    orders = EpochOrder.reuse(orders, seed, params.length, n);
    int[] order = orders.of(epoch);
    long step = 0;
    for (int k = 0; k < n; k += sgd.m()) updateMiniBatch(train, order, k, Math.min(k + sgd.m(), n), sgd, n, epoch, step++);
  }

  /** One epoch of network2.py's SGD (L2, no momentum, no dropout). */
  public void epoch(Dataset train, int m, double eta, double lambda, long seed, int epoch) {
    epoch(train, Sgd.network2(m, eta, lambda), seed, epoch);
  }

  private double[][] masks(Dropout dropout, int epoch, long step, int sample) {
    if (!dropout.active()) return null;
    double[][] masks = new double[layout.layers()][];
    for (int l = 1; l < layout.layers() - 1; l++) {
      masks[l] = new double[layout.size(l)];
      dropout.fill(epoch, step, sample, l, masks[l], 0, masks[l].length);
    }
    return masks;
  }

  /** Number of samples whose most active output neuron is the label. */
  public int accuracy(Dataset data) {
    int correct = 0;
    for (int i = 0; i < data.size(); i++) if (argmax(output(input(data, i))) == data.label(i)) correct++;
    return correct;
  }

  /** network2's total_cost: mean cost over the set plus the L2 penalty 0.5*(lambda/n_set)*sum ||w||^2. */
  public double totalCost(Dataset data, double lambda) { return totalCost(data, lambda, Regularization.L2); }

  /** The mean cost over the set plus the penalty with n = the set's size, as network2's total_cost. */
  public double totalCost(Dataset data, double lambda, Regularization reg) {
    double cost = 0;
    for (int i = 0; i < data.size(); i++) {
      double[] a = output(input(data, i));
      cost += spec.cost().fn(a, 0, a.length, data.label(i)) / data.size();
    }
    return cost + reg.penalty(layout, params, lambda, data.size());
  }

  public static double[] input(Dataset data, int i) {
    double[] x = new double[data.inputSize()];
    for (int p = 0; p < x.length; p++) x[p] = data.pixel(i, p);
    return x;
  }

  /** The network's digit: the index of the most active output, the first of equal maxima (np.argmax). */
  public static int argmax(double[] a) { return argmax(a, 0, a.length); }

  /** argmax of a[offset, offset + length), counted from offset. */
  public static int argmax(double[] a, int offset, int length) {
    int best = 0;
    for (int j = 1; j < length; j++) if (a[offset + j] > a[offset + best]) best = j;
    return best;
  }
}
