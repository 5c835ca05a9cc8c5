package org.nndl.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bundled sample: its sizes, labels and limits. */
class SampleTest {
  private static TrainTest sample;

  @TempDir Path cache;

  @BeforeAll
  static void load() { sample = DataSource.load("sample", null, 0, 0); }

  @Test
  void holdsEightThousandTrainAndTwoThousandTestDigits() {
    assertEquals(8000, sample.train().size());
    assertEquals(2000, sample.test().size());
    for (Dataset set : List.of(sample.train(), sample.test())) {
      assertEquals(28, set.rows());
      assertEquals(28, set.cols());
      int[] perDigit = new int[256];
      for (byte label : set.labels()) perDigit[label & 0xff]++;
      for (int digit = 0; digit <= 9; digit++) assertTrue(perDigit[digit] > 100, "digit " + digit + ": " + perDigit[digit]);
      assertEquals(set.size(), Arrays.stream(perDigit, 0, 10).sum(), "every label is 0..9");
    }
  }

  @Test
  void limitsTakeTheFirstImages() {
    TrainTest small = DataSource.load("sample", cache, 100, 10);
    assertEquals(100, small.train().size());
    assertEquals(10, small.test().size());
    assertArrayEquals(Arrays.copyOf(sample.test().labels(), 10), small.test().labels());
  }
}
