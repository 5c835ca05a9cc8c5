package org.nndl.net;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Seeded, deterministic fuzzing of model loading: every mutated file either loads a consistent
 * model or fails with a one-line IllegalArgumentException naming the file, quickly, and without
 * allocating parameters from claimed sizes the file does not hold.
 */
class ModelJsonFuzzTest {
  private static final long SEED = 0x30DE1L;
  private static final Duration PER_CASE = Duration.ofSeconds(5);
  private static final long TINY_ALLOCATION = 64L << 20;
  private static final Pattern BARE_EXCEPTION =
      Pattern.compile("^(?:[a-z_$][\\w$]*\\.)*[A-Z][\\w$]*(?:Exception|Error)(?::.*)?$");
  private static final byte[] STRUCTURE = "[]{},:\"\\\n0-.e".getBytes(StandardCharsets.US_ASCII);

  @TempDir static Path dir;
  private static byte[] valid;
  private static double[] params;
  private static int fileNo;

  @BeforeAll
  static void saveValidModel() throws IOException {
    NetworkSpec spec = new NetworkSpec(new Layout(4, 3, 2), Activation.SIGMOID, Cost.CROSS_ENTROPY);
    params = Initializer.DEFAULT.init(spec.layout(), 7);
    Path f = dir.resolve("valid.json");
    ModelJson.save(f, spec, params);
    valid = Files.readAllBytes(f);
  }

  private static long allocatedBytes() {
    return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean()).getCurrentThreadAllocatedBytes();
  }

  private static synchronized Path newFile() { return dir.resolve("model" + (fileNo++) + ".json"); }

  private static DynamicTest test(String desc, byte[] content, boolean mustFail) {
    Path file = newFile();
    return DynamicTest.dynamicTest(desc, () -> check(desc, file, content, mustFail));
  }

  private static DynamicTest test(String desc, String json, boolean mustFail) {
    return test(desc, json.getBytes(StandardCharsets.UTF_8), mustFail);
  }

  private static void check(String desc, Path file, byte[] content, boolean mustFail) {
    try {
      Files.write(file, content);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    assertTimeoutPreemptively(PER_CASE, () -> {
      long before = allocatedBytes();
      ModelJson.Model model = null;
      Throwable thrown = null;
      try {
        model = ModelJson.load(file);
      } catch (Throwable t) {
        thrown = t;
      }
      long allocated = allocatedBytes() - before;
      if (thrown != null && !(thrown instanceof IllegalArgumentException)) {
        throw new AssertionError(desc + ": threw " + thrown.getClass().getName() + " instead of an IllegalArgumentException", thrown);
      }
      assertTrue(allocated < TINY_ALLOCATION, desc + ": allocated " + allocated + " bytes loading a tiny model"
          + (thrown == null ? "" : " (" + thrown.getMessage() + ")"));
      if (thrown == null) {
        assertFalse(mustFail, desc + ": loaded, but this model cannot be valid");
        assertNotNull(model.spec(), desc);
        assertEquals(model.spec().layout().parameterCount(), model.params().length, desc + ": parameter count");
      } else {
        String m = thrown.getMessage();
        assertNotNull(m, desc + ": no message");
        assertFalse(m.contains("\n") || m.contains("\r"), desc + ": message spans lines: " + m);
        assertTrue(m.contains(file.toString()), desc + ": message does not name the file: " + m);
        assertFalse(BARE_EXCEPTION.matcher(m).matches(), desc + ": bare exception name as message: " + m);
      }
    }, () -> desc + ": did not finish within " + PER_CASE);
  }

  @TestFactory
  Stream<DynamicTest> validModelLoads() {
    Path file = newFile();
    return Stream.of(DynamicTest.dynamicTest("the saved model loads", () -> {
      Files.write(file, valid);
      assertArrayEquals(params, ModelJson.load(file).params());
    }));
  }

  @TestFactory
  Stream<DynamicTest> byteMutations() {
    Random r = new Random(SEED);
    List<DynamicTest> tests = new ArrayList<>();
    for (int i = 0; i < 150; i++) {
      byte[] m = valid.clone();
      int changes = i % 3 == 0 ? 1 : 2 + r.nextInt(6);
      StringBuilder desc = new StringBuilder();
      for (int c = 0; c < changes; c++) {
        int at = r.nextInt(m.length);
        switch (i % 5) {
          case 0, 1 -> m[at] ^= (byte) (1 << r.nextInt(8));
          case 2 -> m[at] = (byte) r.nextInt(256);
          default -> m[at] = STRUCTURE[r.nextInt(STRUCTURE.length)];
        }
        desc.append(desc.length() == 0 ? "" : ",").append(at).append(String.format("=%02x", m[at] & 0xff));
      }
      tests.add(test("bytes changed at " + desc, m, false));
    }
    return tests.stream();
  }

  @TestFactory
  Stream<DynamicTest> truncations() {
    Random r = new Random(SEED + 1);
    List<DynamicTest> tests = new ArrayList<>();
    List<Integer> lengths = new ArrayList<>(List.of(0, 1, 2, 3, 10, valid.length / 2, valid.length - 2, valid.length - 1));
    for (int i = 0; i < 30; i++) lengths.add(1 + r.nextInt(valid.length - 1));
    for (int len : lengths) tests.add(test("cut to " + len + " of " + valid.length + " bytes", Arrays.copyOf(valid, len), true));
    tests.add(test("trailing garbage", (new String(valid, StandardCharsets.UTF_8) + "}{garbage").getBytes(StandardCharsets.UTF_8), false));
    tests.add(test("trailing newline", (new String(valid, StandardCharsets.UTF_8) + "\n"), false));
    return tests.stream();
  }

  @TestFactory
  Stream<DynamicTest> wrongNestingAndHugeSizes() {
    String w = "[[[0.5, -1.5]]]", b = "[[[0.25]]]", c = "\"cost\": \"QuadraticCost\"";
    String[][] models = {
        {"top level is a list", "[1, 2, 3]"},
        {"top level is a string", "\"model\""},
        {"top level is a number", "42"},
        {"top level is null", "null"},
        {"empty object", "{}"},
        {"empty file", ""},
        {"only whitespace", " \n\t "},
        {"sizes missing", "{\"weights\": " + w + ", \"biases\": " + b + ", " + c + "}"},
        {"sizes is an object", "{\"sizes\": {\"a\": 2, \"b\": 1}, \"weights\": " + w + ", \"biases\": " + b + ", " + c + "}"},
        {"sizes is a string", "{\"sizes\": \"2,1\", \"weights\": " + w + ", \"biases\": " + b + ", " + c + "}"},
        {"sizes nested", "{\"sizes\": [[2], [1]], \"weights\": " + w + ", \"biases\": " + b + ", " + c + "}"},
        {"sizes fractional", "{\"sizes\": [2.5, 1], \"weights\": " + w + ", \"biases\": " + b + ", " + c + "}"},
        {"sizes as strings", "{\"sizes\": [\"2\", \"1\"], \"weights\": " + w + ", \"biases\": " + b + ", " + c + "}"},
        {"sizes negative", "{\"sizes\": [-2, 1], \"weights\": " + w + ", \"biases\": " + b + ", " + c + "}"},
        {"sizes zero", "{\"sizes\": [0, 1], \"weights\": " + w + ", \"biases\": " + b + ", " + c + "}"},
        {"sizes one layer", "{\"sizes\": [2], \"weights\": [], \"biases\": [], " + c + "}"},
        {"sizes beyond int", "{\"sizes\": [4294967298, 1], \"weights\": " + w + ", \"biases\": " + b + ", " + c + "}"},
        {"sizes [2147483647, 10]", "{\"sizes\": [2147483647, 10], \"weights\": " + w + ", \"biases\": " + b + ", " + c + "}"},
        {"sizes [10, 2147483647]", "{\"sizes\": [10, 2147483647], \"weights\": " + w + ", \"biases\": " + b + ", " + c + "}"},
        {"sizes [46340, 46340] (fits one array, 17 GB)", "{\"sizes\": [46340, 46340], \"weights\": " + w + ", \"biases\": " + b + ", " + c + "}"},
        {"sizes [1, 100000000, 1]", "{\"sizes\": [1, 100000000, 1], \"weights\": [[[1]], [[1]]], \"biases\": [[[1]], [[1]]], " + c + "}"},
        {"sizes [65536, 65536] (overflows int)", "{\"sizes\": [65536, 65536], \"weights\": " + w + ", \"biases\": " + b + ", " + c + "}"},
        {"weights flattened", "{\"sizes\": [2, 1], \"weights\": [0.5, -1.5], \"biases\": " + b + ", " + c + "}"},
        {"weights one level short", "{\"sizes\": [2, 1], \"weights\": [[0.5, -1.5]], \"biases\": " + b + ", " + c + "}"},
        {"weights one level deep", "{\"sizes\": [2, 1], \"weights\": [[[[0.5], [-1.5]]]], \"biases\": " + b + ", " + c + "}"},
        {"weights an object", "{\"sizes\": [2, 1], \"weights\": {\"W1\": [[0.5, -1.5]]}, \"biases\": " + b + ", " + c + "}"},
        {"weight rows an object", "{\"sizes\": [2, 1], \"weights\": [{\"r\": [0.5, -1.5]}], \"biases\": " + b + ", " + c + "}"},
        {"weight row an object", "{\"sizes\": [2, 1], \"weights\": [[{\"a\": 0.5, \"b\": -1.5}]], \"biases\": " + b + ", " + c + "}"},
        {"weight a string", "{\"sizes\": [2, 1], \"weights\": [[[\"0.5\", -1.5]]], \"biases\": " + b + ", " + c + "}"},
        {"weight null", "{\"sizes\": [2, 1], \"weights\": [[[null, -1.5]]], \"biases\": " + b + ", " + c + "}"},
        {"weights null", "{\"sizes\": [2, 1], \"weights\": null, \"biases\": " + b + ", " + c + "}"},
        {"biases a row", "{\"sizes\": [2, 1], \"weights\": " + w + ", \"biases\": [[0.25]], " + c + "}"},
        {"biases an object", "{\"sizes\": [2, 1], \"weights\": " + w + ", \"biases\": [{\"b\": [0.25]}], " + c + "}"},
        {"bias column empty", "{\"sizes\": [2, 1], \"weights\": " + w + ", \"biases\": [[[]]], " + c + "}"},
        {"bias an object in a column", "{\"sizes\": [2, 1], \"weights\": " + w + ", \"biases\": [{\"0\": 1}], " + c + "}"},
        {"too many matrices", "{\"sizes\": [2, 1], \"weights\": [[[0.5, -1.5]], [[1]]], \"biases\": " + b + ", " + c + "}"},
        {"cost an object", "{\"sizes\": [2, 1], \"weights\": " + w + ", \"biases\": " + b + ", \"cost\": {}}"},
        {"cost unknown with a line break", "{\"sizes\": [2, 1], \"weights\": " + w + ", \"biases\": " + b + ", \"cost\": \"a\\nb\"}"},
        {"activation a number", "{\"sizes\": [2, 1], \"weights\": " + w + ", \"biases\": " + b + ", " + c + ", \"activation\": 3}"},
        {"relu with cross-entropy", "{\"sizes\": [2, 1], \"weights\": " + w + ", \"biases\": " + b + ", \"cost\": \"CrossEntropyCost\", \"activation\": \"relu\"}"},
        {"NaN weight", "{\"sizes\": [2, 1], \"weights\": [[[NaN, 1]]], \"biases\": " + b + ", " + c + "}"},
        {"deep nesting", "{\"sizes\": " + "[".repeat(100_000) + "]".repeat(100_000) + "}"},
        {"key repeated", "{\"sizes\": [2, 1], \"sizes\": [3, 1], \"weights\": " + w + ", \"biases\": " + b + ", " + c + "}"},
        {"long string", "{\"sizes\": [2, 1], \"weights\": " + w + ", \"biases\": " + b + ", \"cost\": \"" + "x".repeat(100_000) + "\"}"},
    };
    List<DynamicTest> tests = new ArrayList<>();
    for (String[] m : models) tests.add(test(m[0], m[1], !m[0].equals("key repeated")));
    tests.add(test("not UTF-8", new byte[] {(byte) 0xff, (byte) 0xfe, 0, '{', 0}, true));
    return tests.stream();
  }
}
