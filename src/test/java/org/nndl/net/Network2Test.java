package org.nndl.net;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.nndl.data.Dataset;

/** The reference's update, cost and accuracy on cases small enough to work out by hand. */
class Network2Test {

  /** A 1-1 sigmoid network, one sample, cross-entropy: every number below is computed by hand. */
  @Test
  void oneStepOfTheUpdateRuleByHand() {
    NetworkSpec spec = new NetworkSpec(new Layout(1, 2), Activation.SIGMOID, Cost.CROSS_ENTROPY);
    Layout layout = spec.layout();
    double w0 = 0.5, w1 = -0.25, b0 = 0.1, b1 = 0.2;
    double[] p = new double[layout.parameterCount()];
    p[layout.weight(1, 0, 0)] = w0;
    p[layout.weight(1, 1, 0)] = w1;
    p[layout.biases(1)] = b0;
    p[layout.biases(1) + 1] = b1;
    // one image of one pixel = 255 (x = 1.0), label 1; n = 4 samples in the set (only one used)
    Dataset d = new Dataset(1, 1, new byte[] {(byte) 255, 0, 0, 0}, new byte[] {1, 0, 0, 0});
    double eta = 0.5, lambda = 2.0;
    new Network2(spec, p).updateMiniBatch(d, new int[] {0}, 0, 1, eta, lambda, 4);
    double a0 = 1 / (1 + Math.exp(-(w0 + b0))), a1 = 1 / (1 + Math.exp(-(w1 + b1)));
    double decay = 1 - eta * lambda / 4;  // 0.75
    assertEquals(decay * w0 - eta * (a0 - 0), p[layout.weight(1, 0, 0)], 1e-15);
    assertEquals(decay * w1 - eta * (a1 - 1), p[layout.weight(1, 1, 0)], 1e-15);
    assertEquals(b0 - eta * (a0 - 0), p[layout.biases(1)], 1e-15);
    assertEquals(b1 - eta * (a1 - 1), p[layout.biases(1) + 1], 1e-15);
  }

  @Test
  void totalCostAndAccuracyByHand() {
    NetworkSpec spec = new NetworkSpec(new Layout(1, 2), Activation.SIGMOID, Cost.QUADRATIC);
    Layout layout = spec.layout();
    double[] p = new double[layout.parameterCount()];
    p[layout.weight(1, 0, 0)] = 2.0;   // output 0 grows with the pixel
    p[layout.weight(1, 1, 0)] = -2.0;  // output 1 shrinks with it
    Dataset d = new Dataset(1, 1, new byte[] {(byte) 255, 0}, new byte[] {0, 0});
    Network2 net = new Network2(spec, p);
    // sample 0: x=1 -> a=(s(2), s(-2)) -> predicts 0 (right); sample 1: x=0 -> a=(.5,.5) -> argmax 0 (right)
    assertEquals(2, net.accuracy(d));
    double s2 = 1 / (1 + Math.exp(-2)), sm2 = 1 - s2;
    double c0 = 0.5 * ((s2 - 1) * (s2 - 1) + sm2 * sm2);
    double c1 = 0.5 * (0.25 + 0.25);
    double lambda = 3.0;
    double expected = (c0 + c1) / 2 + 0.5 * (lambda / 2) * (4.0 + 4.0);
    assertEquals(expected, net.totalCost(d, lambda), 1e-14);
  }

  @Test
  void crossEntropyTermsFollowNanToNum() {
    assertEquals(0.0, Cost.CROSS_ENTROPY.fn(new double[] {1.0}, 0, 1, 0));                   // 0*log(0) is NaN -> 0
    assertEquals(Double.MAX_VALUE, Cost.CROSS_ENTROPY.fn(new double[] {1.0, 1.0}, 0, 2, 0)); // -log(0) = inf -> max
    assertEquals(Double.MAX_VALUE, Cost.LOG_LIKELIHOOD.fn(new double[] {1.0, 0.0}, 0, 2, 1)); // -ln 0 -> max
  }
}
