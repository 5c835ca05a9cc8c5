package org.nndl.compute;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nndl.data.Block;
import org.nndl.data.Dataset;
import org.nndl.net.Activation;
import org.nndl.net.Cost;
import org.nndl.net.Dropout;
import org.nndl.net.Initializer;
import org.nndl.net.Layout;
import org.nndl.net.Network2;
import org.nndl.net.NetworkSpec;
import org.nndl.net.Output;
import org.nndl.train.TestData;

/** The batched backprop against the per-sample reference, summed over the same samples. */
class BatchNetworkTest {

  /** hidden activation, output layer, cost, dropout rate: every output/cost pair and dropout. */
  @ParameterizedTest
  @CsvSource({"sigmoid,sigmoid,cross-entropy,0", "sigmoid,sigmoid,quadratic,0", "relu,relu,quadratic,0",
      "tanh,tanh,quadratic,0", "tanh,softmax,log-likelihood,0", "relu,softmax,log-likelihood,0",
      "sigmoid,softmax,cross-entropy,0", "sigmoid,softmax,quadratic,0", "sigmoid,sigmoid,log-likelihood,0",
      "sigmoid,sigmoid,cross-entropy,0.5", "relu,softmax,log-likelihood,0.3"})
  void batchedGradientEqualsTheSumOfPerSampleGradients(String a, String out, String c, double rate) {
    NetworkSpec spec = new NetworkSpec(new Layout(12, 7, 5, 4), Activation.parse(a), Output.parse(out), Cost.parse(c));
    Dropout dropout = rate > 0 ? new Dropout(rate, 99) : Dropout.NONE;
    Dataset d = TestData.images(40, 3, 4, 4, 2);
    double[] params = Initializer.DEFAULT.init(spec.layout(), 3);
    int[] batch = {1, 4, 9, 10, 17, 22, 23, 31, 38};
    List<Block> blocks = Block.split(d, 16);  // the batch spans three blocks

    ExactSum sum = new ExactSum();
    Gradient g = new Gradient(spec, dropout);
    int used = 0;
    used += g.add(params, blocks, batch, 3, 17, sum);  // the three blocks gathered into one matrix; epoch 3, step 17
    double[] batched = sum.toDoubles(new double[params.length]);

    double[] expected = new double[params.length];
    Network2 ref = new Network2(spec, params);
    for (int i : batch) ref.backprop(Network2.input(d, i), d.label(i), expected, masks(spec.layout(), dropout, i));
    assertEquals(batch.length, used);
    for (int i = 0; i < params.length; i++) assertEquals(expected[i], batched[i], 1e-12, "parameter " + i);
  }

  /**
   * Layers of a vector or more of rows (the Vector-API path, an overlapping last block) and
   * batches short of, equal to and past one group of samples, against the reference.
   */
  @ParameterizedTest
  @CsvSource({"1,sigmoid,sigmoid,cross-entropy,0", "9,sigmoid,sigmoid,cross-entropy,0",
      "10,relu,softmax,log-likelihood,0", "23,sigmoid,sigmoid,quadratic,0", "23,tanh,softmax,log-likelihood,0.4"})
  void vectorSizedLayersAgreeWithTheReference(int m, String a, String out, String c, double rate) {
    NetworkSpec spec = new NetworkSpec(new Layout(16, 19, 11, 10), Activation.parse(a), Output.parse(out), Cost.parse(c));
    Dropout dropout = rate > 0 ? new Dropout(rate, 99) : Dropout.NONE;
    Dataset d = TestData.images(60, 4, 4, 10, 5);
    double[] params = Initializer.DEFAULT.init(spec.layout(), 3);
    int[] batch = java.util.stream.IntStream.range(0, m).map(i -> (i * 37) % 60).sorted().toArray();

    double[] batched = new double[params.length];
    assertEquals(m, new Gradient(spec, dropout).accumulate(params, Block.split(d, 25), batch, 3, 17, batched));

    double[] expected = new double[params.length];
    Network2 ref = new Network2(spec, params);
    for (int i : batch) ref.backprop(Network2.input(d, i), d.label(i), expected, masks(spec.layout(), dropout, i));
    for (int i = 0; i < params.length; i++) assertEquals(expected[i], batched[i], 1e-12, "parameter " + i);
  }

  /** The reference's masks for sample i at epoch 3, step 17, or null without dropout. */
  private static double[][] masks(Layout layout, Dropout dropout, int i) {
    if (!dropout.active()) return null;
    double[][] m = new double[layout.layers()][];
    for (int l = 1; l < layout.layers() - 1; l++) {
      m[l] = new double[layout.size(l)];
      dropout.fill(3, 17, i, l, m[l], 0, m[l].length);
    }
    return m;
  }
}
