package org.nndl.checkpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nndl.train.Schedule;
import org.nndl.train.TrainState;

/**
 * Damaged checkpoints: every truncation length class, seeded bit flips, lying headers and
 * garbage either decode to exactly the original (nothing else can pass the length and CRC32
 * checks) or fail with one line saying what is wrong and what to do.
 */
class CheckpointFuzzTest {
  private static final Checkpoint ORIGINAL = sample();
  private static final byte[] BYTES = ORIGINAL.encode();
  private static final String TRUNCATED = "truncated to ";

  private static Checkpoint sample() {
    Map<String, String> options = new LinkedHashMap<>();
    options.put("--sizes", "784,30,10");
    options.put("--eta", "0.5");
    double[] params = new Random(1).doubles(500).toArray();
    double[] velocity = new Random(2).doubles(500).map(v -> -v).toArray();
    return new Checkpoint("run-1", options, new TrainState(7, params, velocity, new Schedule.State(0.125, 0.91, 2, 1, 2)));
  }

  @Test
  void aCheckpointRoundTripsExactly() {
    assertIsTheOriginal(Checkpoint.decode(BYTES, "c"), "round trip");
  }

  /** Every field, exact bits for the arrays. */
  private static void assertIsTheOriginal(Checkpoint back, String what) {
    assertEquals("run-1", back.runId(), what);
    assertEquals(ORIGINAL.options(), back.options(), what);
    assertEquals(7, back.state().epochsDone(), what);
    assertArrayEquals(ORIGINAL.state().params(), back.state().params(), what);
    assertArrayEquals(ORIGINAL.state().optimizer(), back.state().optimizer(), what);
    assertEquals(new Schedule.State(0.125, 0.91, 2, 1, 2), back.state().schedule(), what);
  }

  static Stream<Arguments> damaged() {
    List<Arguments> cases = new ArrayList<>();
    Random rnd = new Random(42);
    for (int len : new int[] {0, 1, 5, 17, 18, 19, 20, 40, BYTES.length / 2, BYTES.length - 2, BYTES.length - 1}) {
      cases.add(Arguments.of(TRUNCATED + len, Arrays.copyOf(BYTES, len)));
    }
    for (int i = 0; i < 150; i++) {
      byte[] b = BYTES.clone();
      int at = rnd.nextInt(b.length);
      b[at] ^= (byte) (1 << rnd.nextInt(8));
      cases.add(Arguments.of("bit flip at " + at, b));
    }
    String body = new String(BYTES, StandardCharsets.ISO_8859_1).substring(new String(BYTES, StandardCharsets.ISO_8859_1).indexOf('\n') + 1);
    cases.add(Arguments.of("length claims 2^62", ("nndl-checkpoint 1 4611686018427387904 0\n" + body).getBytes(StandardCharsets.ISO_8859_1)));
    cases.add(Arguments.of("negative length", ("nndl-checkpoint 1 -5 0\n" + body).getBytes(StandardCharsets.ISO_8859_1)));
    cases.add(Arguments.of("not a number", ("nndl-checkpoint 1 x 0\n" + body).getBytes(StandardCharsets.ISO_8859_1)));
    cases.add(Arguments.of("other version", ("nndl-checkpoint 2 " + body.length() + " 0\n" + body).getBytes(StandardCharsets.ISO_8859_1)));
    cases.add(Arguments.of("model json", "{\"sizes\":[2,1]}".getBytes(StandardCharsets.US_ASCII)));
    byte[] garbage = new byte[4096];
    rnd.nextBytes(garbage);
    cases.add(Arguments.of("garbage", garbage));
    // a valid header over JSON that is not a checkpoint: the checks pass, the content does not
    byte[] json = "{\"run_id\":\"x\"}".getBytes(StandardCharsets.US_ASCII);
    java.util.zip.CRC32 crc = new java.util.zip.CRC32();
    crc.update(json);
    cases.add(Arguments.of("well-sealed wrong content",
        ("nndl-checkpoint 1 " + json.length + " " + crc.getValue() + "\n" + new String(json, StandardCharsets.US_ASCII)).getBytes(StandardCharsets.US_ASCII)));
    return cases.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("damaged")
  void aDamagedCheckpointIsRefusedInOneLineOrIsTheOriginal(String what, byte[] bytes) {
    try {
      Checkpoint back = Checkpoint.decode(bytes, "epoch-000007.ckpt");
      // a truncated file lost content: it must be refused, never read
      assertFalse(what.startsWith(TRUNCATED), what + " was accepted");
      // only a flip that leaves the content as it was may pass (e.g. none does: CRC32 sees every 1-bit error)
      assertIsTheOriginal(back, what);
    } catch (IllegalArgumentException e) {
      String m = e.getMessage();
      assertTrue(m.startsWith("checkpoint epoch-000007.ckpt cannot be used: "), m);
      assertTrue(m.contains("delete it to resume from the one before"), m);
      assertFalse(m.contains("\n"), m);
    }
  }
}
