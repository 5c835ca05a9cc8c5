package org.nndl.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nndl.data.Block;
import org.nndl.data.Dataset;
import org.nndl.net.Activation;
import org.nndl.net.Cost;
import org.nndl.net.Initializer;
import org.nndl.net.Layout;
import org.nndl.net.Network2;
import org.nndl.net.NetworkSpec;

/** The batched BLAS backprop against the per-sample reference, summed over the same samples. */
class BatchNetworkTest {

  @ParameterizedTest
  @CsvSource({"sigmoid,cross-entropy", "sigmoid,quadratic", "relu,quadratic"})
  void batchedGradientEqualsTheSumOfPerSampleGradients(String a, String c) {
    NetworkSpec spec = new NetworkSpec(new Layout(12, 7, 5, 4), Activation.parse(a), Cost.parse(c));
    Dataset d = TestData.images(40, 3, 4, 4, 2);
    double[] params = Initializer.DEFAULT.init(spec.layout(), 3);
    int[] batch = {1, 4, 9, 10, 17, 22, 23, 31, 38};
    List<Block> blocks = Block.split(d, 16);  // the batch spans three blocks

    ExactSum sum = new ExactSum();
    Gradient g = new Gradient(spec);
    int used = 0;
    used += g.add(params, blocks, batch, sum);  // the three blocks gathered into one matrix
    double[] batched = sum.toDoubles(new double[params.length]);

    double[] expected = new double[params.length];
    Network2 ref = new Network2(spec, params);
    for (int i : batch) {
      double[] y = new double[4];
      y[d.label(i)] = 1;
      ref.backprop(Network2.input(d, i), y, expected);
    }
    assertEquals(batch.length, used);
    for (int i = 0; i < params.length; i++) assertEquals(expected[i], batched[i], 1e-12, "parameter " + i);
  }
}
