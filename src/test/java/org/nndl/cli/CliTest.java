package org.nndl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.nndl.SparkTestSession;
import picocli.CommandLine;

/** Runs the commands in-process, on the shared test Spark session, capturing what a user sees. */
final class CliTest {
  record Outcome(int code, String out, String err) {}

  private CliTest() {}

  static Outcome run(String... args) {
    SparkTestSession.get();  // the commands' getOrCreate() picks up this session
    CommandLine cl = Main.commandLine();
    PrintStream oldOut = System.out, oldErr = System.err;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream sysErr = new ByteArrayOutputStream();
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    System.setErr(new PrintStream(sysErr, true, StandardCharsets.UTF_8));
    try {
      int code = cl.execute(args);
      return new Outcome(code, out.toString(StandardCharsets.UTF_8), sysErr.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(oldOut);
      System.setErr(oldErr);
    }
  }

  static String[] args(String... parts) {
    List<String> all = new ArrayList<>(Arrays.asList(parts));
    return all.toArray(new String[0]);
  }

  /** A refusal as the product promises it: exit 2, one "error:" line, no stack frames. */
  static void assertCleanRefusal(Outcome o, String expectedFragment) {
    assertEquals(2, o.code(), o.err());
    List<String> errorLines = o.err().lines().filter(l -> l.startsWith("error: ")).toList();
    assertEquals(1, errorLines.size(), o.err());
    assertTrue(errorLines.get(0).contains(expectedFragment), errorLines.get(0));
    assertFalse(o.err().contains("\tat "), o.err());
    assertFalse(o.err().contains("Exception in thread"), o.err());
  }

  /** The CLI in its own JVM with this test JVM's class path and module flags, on local[2]; its stderr goes to err. */
  static Process child(Path err, String... args) throws IOException { return child(err, List.of(), args); }

  /** The same with more JVM options. */
  static Process child(Path err, List<String> jvmOptions, String... args) throws IOException {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    for (String a : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
      if (a.startsWith("--add-") || a.startsWith("-XX:+IgnoreUnrecognized") || a.startsWith("-Dio.netty")) cmd.add(a);
    }
    cmd.addAll(jvmOptions);
    cmd.addAll(List.of("-Xmx1g", "-Dspark.master=local[2]", "-Dspark.ui.enabled=false",
        "-Dspark.ui.showConsoleProgress=false", "-cp", System.getProperty("java.class.path"), Main.class.getName()));
    cmd.addAll(List.of(args));
    return new ProcessBuilder(cmd).redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(err.toFile()).start();
  }

  static boolean isEmptyOrAbsent(Path dir) throws java.io.IOException {
    if (!Files.exists(dir)) return true;
    try (var s = Files.list(dir)) { return s.findAny().isEmpty(); }
  }
}
