package org.nndl.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The reference backprop checked against central finite differences of the cost. */
class GradientCheckTest {

  /** dC/dz for one output neuron, from the cost alone, against Cost.delta (all four pairs). */
  @ParameterizedTest
  @CsvSource({"sigmoid,cross-entropy", "sigmoid,quadratic", "relu,quadratic", "relu,cross-entropy"})
  void outputDeltaIsTheDerivativeOfTheCost(String a, String c) {
    Activation act = Activation.parse(a);
    Cost cost = Cost.parse(c);
    // For ReLU with cross-entropy a must lie in (0,1) for the cost to be defined: z in (0,1).
    double[] zs = act == Activation.RELU ? new double[] {0.2, 0.5, 0.9} : new double[] {-2, -0.3, 0.4, 1.7};
    for (double z : zs) {
      for (double y : new double[] {0.0, 1.0}) {
        double h = 1e-6;
        double numeric = (cost.fn(act.apply(z + h), y) - cost.fn(act.apply(z - h), y)) / (2 * h);
        assertEquals(numeric, cost.delta(z, act.apply(z), y, act), 1e-6 * Math.max(1, Math.abs(numeric)),
            a + "/" + c + " at z=" + z + " y=" + y);
      }
    }
  }

  @ParameterizedTest
  @CsvSource({"sigmoid,cross-entropy", "sigmoid,quadratic", "relu,quadratic"})
  void backpropMatchesFiniteDifferences(String a, String c) {
    NetworkSpec spec = new NetworkSpec(new Layout(6, 5, 4, 3), Activation.parse(a), Cost.parse(c));
    Random rnd = new Random(7);
    double[] params = Initializer.DEFAULT.init(spec.layout(), 11);
    double[] x = new double[6];
    for (int i = 0; i < x.length; i++) x[i] = rnd.nextDouble();
    double[] y = {0, 1, 0};
    double[] nabla = new double[params.length];
    new Network2(spec, params).backprop(x, y, nabla);
    double h = 1e-6;
    for (int i = 0; i < params.length; i++) {
      double keep = params[i];
      params[i] = keep + h;
      double up = sampleCost(spec, params, x, y);
      params[i] = keep - h;
      double down = sampleCost(spec, params, x, y);
      params[i] = keep;
      double numeric = (up - down) / (2 * h);
      assertEquals(numeric, nabla[i], 1e-6 * Math.max(1, Math.abs(numeric)), "parameter " + i);
    }
  }

  @org.junit.jupiter.api.Test
  void reluWithCrossEntropyIsRefusedWithAReason() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new NetworkSpec(new Layout(4, 3), Activation.RELU, Cost.CROSS_ENTROPY));
    org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().contains("quadratic"), e.getMessage());
  }

  private static double sampleCost(NetworkSpec spec, double[] params, double[] x, double[] y) {
    double[] a = new Network2(spec, params).output(x);
    double s = 0;
    for (int j = 0; j < a.length; j++) s += spec.cost().fn(a[j], y[j]);
    return s;
  }
}
