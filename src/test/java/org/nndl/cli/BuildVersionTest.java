package org.nndl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * {@code --version} against what Maven says it built with (the POM's project version, artifact,
 * Spark version, Scala binary version and active profile, handed to the test JVM by Surefire): the
 * jar's record and the Spark and Scala on the class path.
 */
class BuildVersionTest {
  @Test
  void namesTheBuildAndTheSparkAndScalaItRunsOn() {
    String version = System.getProperty("nndl.test.version");
    String spark = System.getProperty("nndl.test.spark.version");
    String scala = System.getProperty("nndl.test.scala.binary.version");
    String artifact = System.getProperty("nndl.test.artifact");
    String profile = System.getProperty("nndl.test.profile", "");
    CommandLine cl = Main.commandLine();
    StringWriter out = new StringWriter();
    cl.setOut(new PrintWriter(out));
    assertEquals(0, cl.execute("--version"));
    List<String> lines = out.toString().lines().toList();
    assertEquals(2, lines.size(), out.toString());
    assertTrue(artifact.endsWith("_" + scala), artifact);
    assertEquals("nndl-spark " + version + " (" + artifact + ", built for Spark " + spark + ", Maven profile "
        + (profile.isEmpty() ? "default" : profile) + ")", lines.get(0));
    assertTrue(lines.get(1).startsWith("running on Spark " + spark + ", Scala " + scala + "."), lines.get(1));
  }
}
