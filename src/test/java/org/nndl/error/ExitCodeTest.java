package org.nndl.error;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;
import org.nndl.data.DataError;

/** Which failures are the user's (exit 2, the message alone) and which are faults of the program (exit 1, the class named). */
class ExitCodeTest {
  @Test
  void onlyTheProjectsUserErrorsAreBadInput() {
    assertEquals(ExitCode.BAD_INPUT, ExitCode.of(new UserError("--eta -1: use a positive number")));
    DataError bad = new DataError("/d/train.gz: truncated: download it again");
    RuntimeException spark = new RuntimeException("Job aborted due to stage failure", new RuntimeException("task", bad));
    assertEquals(ExitCode.BAD_INPUT, ExitCode.of(spark));
    assertSame(bad, ExitCode.userError(spark));
    assertEquals("/d/train.gz: truncated: download it again", ExitCode.message(spark));
  }

  @Test
  void anIllegalArgumentFromCodeOrSparkIsNotTheUsers() {
    for (RuntimeException internal : new RuntimeException[] {
        new IllegalArgumentException("wrong parameter count"),
        new NumberFormatException("For input string: \"x\""),
        new IllegalArgumentException("requirement failed: numPartitions must be positive"),
        new IllegalStateException("velocity has the wrong size")}) {
      assertNull(ExitCode.userError(internal), internal.toString());
      assertEquals(ExitCode.UNEXPECTED, ExitCode.of(internal), internal.toString());
    }
    assertEquals("NumberFormatException: For input string: \"x\"",
        ExitCode.message(new NumberFormatException("For input string: \"x\"\nmore")));
  }
}
