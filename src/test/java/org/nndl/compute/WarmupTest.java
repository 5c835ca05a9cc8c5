package org.nndl.compute;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nndl.net.Activation;
import org.nndl.net.Cost;
import org.nndl.net.Layout;
import org.nndl.net.NetworkSpec;
import org.nndl.net.Output;

/** The kernel's warm-up runs on any network and mini-batch size a run may have, on real samples (its thread would hide a failure). */
class WarmupTest {
  @ParameterizedTest
  @CsvSource({"784-30-10,10", "16-6-5-3,1", "4-2,1000", "784-100-10,600"})
  void runsForAnyShape(String sizes, int m) {
    int[] s = java.util.Arrays.stream(sizes.split("-")).mapToInt(Integer::parseInt).toArray();
    NetworkSpec spec = new NetworkSpec(new Layout(s), Activation.SIGMOID, Output.SIGMOID, Cost.CROSS_ENTROPY);
    long samples = assertDoesNotThrow(() -> Warmup.run(spec, m, Long.MAX_VALUE));
    // the 20 forward passes take 10, 9, .., 1 samples, then 512, 511, .., 503
    assertEquals((long) Warmup.STEPS * m + 55 + 5075, samples, "every step and forward pass had its samples");
  }
}
