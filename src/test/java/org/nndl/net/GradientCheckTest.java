package org.nndl.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Output errors and the reference backprop checked against central finite differences of the cost. */
class GradientCheckTest {
  private static final double H = 1e-6;

  /** dC/dz of one output column, from the cost and the output layer alone, against Cost.delta: every allowed pair. */
  @ParameterizedTest
  @CsvSource({"sigmoid,cross-entropy", "sigmoid,quadratic", "sigmoid,log-likelihood", "softmax,log-likelihood",
      "softmax,cross-entropy", "softmax,quadratic", "relu,quadratic", "tanh,quadratic"})
  void outputDeltaIsTheDerivativeOfTheCost(String o, String c) {
    Output out = Output.parse(o);
    Cost cost = Cost.parse(c);
    Random rnd = new Random(5);
    int n = 4;
    for (int trial = 0; trial < 6; trial++) {
      double[] z = new double[n];
      // ReLU's kink at 0 has no derivative: keep z away from it.
      for (int j = 0; j < n; j++) z[j] = out == Output.RELU ? 0.2 + rnd.nextDouble() : rnd.nextGaussian() * 1.5;
      int label = rnd.nextInt(n);
      double[] a = new double[n];
      out.activate(z, a, 0, n);
      double[] delta = new double[n];
      cost.delta(z, a, 0, n, label, out, delta, 0);
      for (int j = 0; j < n; j++) {
        double keep = z[j];
        z[j] = keep + H;
        double up = costAt(out, cost, z, label);
        z[j] = keep - H;
        double down = costAt(out, cost, z, label);
        z[j] = keep;
        double numeric = (up - down) / (2 * H);
        assertEquals(numeric, delta[j], 1e-6 * Math.max(1, Math.abs(numeric)), o + "/" + c + " trial " + trial + " j=" + j);
      }
    }
  }

  /** Softmax outputs are a probability distribution (eq. 79) and do not overflow for large z. */
  @Test
  void softmaxIsADistribution() {
    double[] z = {1000, 1001, 999, -5};
    double[] a = new double[4];
    Output.SOFTMAX.activate(z, a, 0, 4);
    double sum = 0;
    for (double v : a) {
      assertTrue(v >= 0 && v <= 1);
      sum += v;
    }
    assertEquals(1.0, sum, 1e-15);
    // hand-computed: e^0 / (e^0 + e^1 + e^-1 + ~0)
    assertEquals(1 / (1 + Math.E + 1 / Math.E), a[0], 1e-15);
  }

  @Test
  void tanhIsTheRescaledSigmoid() {
    for (double z : new double[] {-3, -0.5, 0, 0.7, 2}) {
      assertEquals(2 * Activation.SIGMOID.apply(2 * z) - 1, Activation.TANH.apply(z), 1e-15);
      assertEquals((Activation.TANH.apply(z + H) - Activation.TANH.apply(z - H)) / (2 * H), Activation.TANH.prime(z), 1e-8);
    }
  }

  /** hidden activation, output layer, cost: the whole network's backprop against the cost's finite differences. */
  @ParameterizedTest
  @CsvSource({"sigmoid,sigmoid,cross-entropy", "sigmoid,sigmoid,quadratic", "relu,relu,quadratic", "tanh,tanh,quadratic",
      "tanh,softmax,log-likelihood", "relu,softmax,log-likelihood", "sigmoid,softmax,cross-entropy",
      "sigmoid,softmax,quadratic", "sigmoid,sigmoid,log-likelihood", "tanh,sigmoid,cross-entropy"})
  void backpropMatchesFiniteDifferences(String a, String o, String c) {
    NetworkSpec spec = new NetworkSpec(new Layout(6, 5, 4, 3), Activation.parse(a), Output.parse(o), Cost.parse(c));
    checkBackprop(spec, null);
  }

  /** With a fixed dropout mask the gradient is that of the thinned network (dropped neurons output 0). */
  @ParameterizedTest
  @CsvSource({"sigmoid,sigmoid,cross-entropy", "tanh,softmax,log-likelihood", "relu,softmax,log-likelihood"})
  void dropoutBackpropMatchesFiniteDifferencesOfTheThinnedNetwork(String a, String o, String c) {
    NetworkSpec spec = new NetworkSpec(new Layout(6, 5, 4, 3), Activation.parse(a), Output.parse(o), Cost.parse(c));
    double[][] masks = {null, {1, 0, 1, 1, 0}, {0, 1, 1, 0}, null};
    double[] nabla = checkBackprop(spec, masks);
    // a dropped hidden neuron's incoming weights and bias get no gradient
    Layout layout = spec.layout();
    for (int k = 0; k < 6; k++) assertEquals(0.0, nabla[layout.weight(1, 1, k)]);
    assertEquals(0.0, nabla[layout.biases(1) + 4]);
    assertNotEquals(0.0, nabla[layout.biases(1) + 0]);
  }

  @Test
  void dropoutMasksArePureFunctionsOfTheirKeyAndKeepAboutOneMinusP() {
    Dropout d = new Dropout(0.5, 42);
    double[] m1 = new double[1000], m2 = new double[1000], other = new double[1000];
    d.fill(2, 7, 123, 1, m1, 0, 1000);
    d.fill(2, 7, 123, 1, m2, 0, 1000);
    d.fill(2, 8, 123, 1, other, 0, 1000);
    assertEquals(java.util.Arrays.toString(m1), java.util.Arrays.toString(m2));
    assertNotEquals(java.util.Arrays.toString(m1), java.util.Arrays.toString(other));
    double kept = 0;
    for (double v : m1) kept += v;
    assertEquals(500, kept, 60);  // binomial(1000, 0.5): sd 16
  }

  @Test
  void dropoutInferenceScalesOnlyWeightsOutOfHiddenNeurons() {
    Layout layout = new Layout(3, 2, 2);
    double[] p = new double[layout.parameterCount()];
    java.util.Arrays.fill(p, 2.0);
    double[] full = new Dropout(0.25, 1).inference(layout, p);
    for (int i = 0; i < p.length; i++) {
      boolean outOfHidden = i >= layout.weights(2) && i < layout.biases(2);
      assertEquals(outOfHidden ? 1.5 : 2.0, full[i], "parameter " + i);
    }
  }

  @Test
  void outputsOutsideTheUnitIntervalAreRefusedForLogCostsWithAReason() {
    for (Output o : new Output[] {Output.RELU, Output.TANH}) {
      for (Cost c : new Cost[] {Cost.CROSS_ENTROPY, Cost.LOG_LIKELIHOOD}) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> new NetworkSpec(new Layout(4, 3), Activation.SIGMOID, o, c));
        assertTrue(e.getMessage().contains("--output softmax") && e.getMessage().contains("quadratic"), e.getMessage());
      }
    }
  }

  private static double[] checkBackprop(NetworkSpec spec, double[][] masks) {
    Random rnd = new Random(7);
    double[] params = Initializer.DEFAULT.init(spec.layout(), 11);
    double[] x = new double[6];
    for (int i = 0; i < x.length; i++) x[i] = rnd.nextDouble();
    int label = 1;
    double[] nabla = new double[params.length];
    new Network2(spec, params).backprop(x, label, nabla, masks);
    for (int i = 0; i < params.length; i++) {
      double keep = params[i];
      params[i] = keep + H;
      double up = sampleCost(spec, params, x, label, masks);
      params[i] = keep - H;
      double down = sampleCost(spec, params, x, label, masks);
      params[i] = keep;
      double numeric = (up - down) / (2 * H);
      assertEquals(numeric, nabla[i], 1e-6 * Math.max(1, Math.abs(numeric)), "parameter " + i);
    }
    return nabla;
  }

  private static double costAt(Output out, Cost cost, double[] z, int label) {
    double[] a = new double[z.length];
    out.activate(z, a, 0, z.length);
    return cost.fn(a, 0, a.length, label);
  }

  private static double sampleCost(NetworkSpec spec, double[] params, double[] x, int label, double[][] masks) {
    double[][] as = new Network2(spec, params).feedforward(x, new double[spec.layout().layers()][], masks);
    double[] a = as[as.length - 1];
    return spec.cost().fn(a, 0, a.length, label);
  }
}
