package org.nndl.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine;

/**
 * {@code ./submit --version}: what built the jar (org/nndl/nndl-build.properties, written by
 * Maven: the version, the artifact with its Scala suffix, the Spark it was compiled against and
 * the profile) and the Spark, Scala and Java this JVM runs on.
 */
final class BuildVersion implements CommandLine.IVersionProvider {
  static final String RESOURCE = "/org/nndl/nndl-build.properties";

  @Override
  public String[] getVersion() throws IOException {
    Properties built = new Properties();
    try (InputStream in = BuildVersion.class.getResourceAsStream(RESOURCE)) {
      if (in != null) built.load(in);
    }
    String profile = built.getProperty("profile", "");
    return new String[] {
        "nndl-spark " + built.getProperty("version", "?") + " (" + built.getProperty("artifact", "?")
            + ", built for Spark " + built.getProperty("spark.version", "?") + ", Maven profile "
            + (profile.isEmpty() ? "default" : profile) + ")",
        "running on Spark " + org.apache.spark.package$.MODULE$.SPARK_VERSION() + ", Scala "
            + scala.util.Properties.versionNumberString() + ", Java " + Runtime.version()};
  }
}
