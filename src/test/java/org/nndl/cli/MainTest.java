package org.nndl.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Which runs leave a class archive behind (see src/main/sh/class-archive.sh): successful commands only. */
class MainTest {
  private static boolean kept(String... args) {
    CommandLine cl = Main.commandLine();
    java.io.PrintWriter quiet = new java.io.PrintWriter(java.io.Writer.nullWriter());
    cl.setOut(quiet);
    cl.setErr(quiet);
    for (CommandLine sub : cl.getSubcommands().values()) { sub.setOut(quiet); sub.setErr(quiet); }
    int code = cl.execute(args);
    return Main.ranCommand(cl, code);
  }

  @Test
  void helpVersionAndBadInputLeaveNoArchive() {
    assertFalse(kept("--help"));
    assertFalse(kept("--version"));
    assertFalse(kept("train", "--help"));
    assertFalse(kept("query", "--no-such-option", "SELECT 1"));
    assertFalse(kept());
  }

  @Test
  void aSuccessfulCommandLeavesOne() {
    CommandLine cl = Main.commandLine();
    cl.parseArgs("query", "SELECT 1");
    assertTrue(Main.ranCommand(cl, 0));
    assertFalse(Main.ranCommand(cl, 1));
  }
}
