package org.nndl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A report that could not be written is a failed command, not a path printed for a page that does not exist. */
class ReportCommandTest {
  @TempDir Path dir;

  @Test
  void aReportThatCannotBeWrittenFailsInOneLine() throws Exception {
    String wh = dir.resolve("wh").toString();
    CliTest.Outcome t = CliTest.run("train", "--train-limit", "200", "--test-limit", "100", "--sizes", "784,5,10",
        "--epochs", "1", "--warehouse", wh, "--run-id", "r");
    assertEquals(0, t.code(), t.err());
    Path report = Path.of(wh, "runs", "r", "report.html");
    Files.delete(report);
    Files.createDirectories(report.resolve("in-the-way"));  // a folder where the page must go

    CliTest.Outcome o = CliTest.run("report", "--warehouse", wh, "--run-id", "r");
    CliTest.assertCleanRefusal(o, report.toString());
    assertEquals("", o.out(), "a path printed for a page that was not written");
  }
}
