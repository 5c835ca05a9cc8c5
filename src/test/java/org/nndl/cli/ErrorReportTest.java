package org.nndl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import org.nndl.error.UserError;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * What the command line prints and returns for a failure thrown by a command: the user's error
 * (a UserError) as its message alone with exit 2; anything else, an IllegalArgumentException of a
 * precondition included, as a fault: exit 70, the exception's class and first line, and the hint
 * that NNDL_DEBUG=1 shows the trace.
 */
class ErrorReportTest {
  @Command(name = "boom")
  static final class Boom implements Callable<Integer> {
    static RuntimeException next;

    @Override
    public Integer call() { throw next; }
  }

  private static CliTest.Outcome run(RuntimeException thrown) {
    Boom.next = thrown;
    CommandLine cl = Main.commandLine().addSubcommand("boom", new Boom());
    PrintStream oldErr = System.err;
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    try {
      return new CliTest.Outcome(cl.execute("boom"), "", err.toString(StandardCharsets.UTF_8));
    } finally {
      System.setErr(oldErr);
    }
  }

  @Test
  void aUserErrorIsACleanRefusal() {
    CliTest.assertCleanRefusal(run(new UserError("--eta -1: the learning rate must be a positive number")), "--eta -1");
  }

  @Test
  void anInternalFailureIsNotReportedAsBadInput() {
    for (RuntimeException internal : List.of(new IllegalArgumentException("wrong parameter count"),
        new IllegalStateException("velocity has the wrong size"), new NumberFormatException("For input string: \"x\""))) {
      CliTest.Outcome o = run(internal);
      assertEquals(70, o.code(), o.err());
      List<String> lines = o.err().lines().toList();
      assertEquals(1, lines.size(), o.err());
      assertTrue(lines.get(0).startsWith("error: " + internal.getClass().getSimpleName() + ": " + internal.getMessage()), o.err());
      assertTrue(lines.get(0).endsWith("(set NNDL_DEBUG=1 to see the stack trace)"), o.err());
      assertFalse(o.err().contains("\tat "), o.err());
    }
  }
}
