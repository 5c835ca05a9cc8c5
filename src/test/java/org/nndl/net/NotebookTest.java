package org.nndl.net;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nndl.data.DataSource;
import org.nndl.data.Dataset;

/**
 * The reference against the notebook itself: notebook_nn2.py (network2's SGD with
 * {@code default_rng(3)}, numpy_vectors.py saved it) on the first 100 bundled digits, [784,30,10],
 * m = 10, eta = 0.5, lambda = 0, two epochs. The same initial weights and batches; the sums differ
 * only in rounding order (numpy's BLAS dot products), hence 1e-12, not bits.
 */
class NotebookTest {
  @Test
  void twoEpochsEqualTheNotebooks(@TempDir Path cache) {
    Dataset train = DataSource.load(DataSource.SAMPLE, cache, 100, 1).train();
    NetworkSpec spec = new NetworkSpec(new Layout(784, 30, 10), Activation.SIGMOID, Cost.CROSS_ENTROPY);
    Network2 net = new Network2(spec, Initializer.DEFAULT.init(spec.layout(), 3));
    for (int epoch = 1; epoch <= 2; epoch++) net.epoch(train, 10, 0.5, 0.0, 3, epoch);
    assertArrayEquals(NumpyVectors.float64("notebook-100-digits-2-epochs.f64"),
        NumpyVectors.drawOrder(spec.layout(), net.params()), 1e-12);
  }
}
