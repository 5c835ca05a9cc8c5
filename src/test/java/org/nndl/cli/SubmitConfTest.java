package org.nndl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Spark properties of a spark-submit line, as Spark's launcher gives them precedence (hand-written cases). */
class SubmitConfTest {
  @Test
  void theCommandLineWinsOverThePropertiesFileAndTheApplicationsArgumentsAreNotRead(@TempDir Path dir) throws Exception {
    Path file = Files.writeString(dir.resolve("spark-defaults.conf"),
        "# a comment\nspark.master   local[2]\nspark.driver.memory 4g\nspark.yarn.queue=team\n");
    Properties conf = SubmitConf.of(new String[] {"--properties-file", file.toString(), "--master", "yarn",
        "--deploy-mode=cluster", "--conf", "spark.driver.memory=1g", "--driver-cores", "2", "--class", "org.nndl.cli.Main",
        "nndl.jar", "train", "--master", "local", "--keytab", "/not/spark/s"});
    assertEquals("yarn", conf.getProperty("spark.master"));
    assertEquals("cluster", conf.getProperty("spark.submit.deployMode"));
    assertEquals("1g", conf.getProperty("spark.driver.memory"));
    assertEquals("team", conf.getProperty("spark.yarn.queue"));
    assertNull(conf.getProperty("spark.driver.cores"));  // an option this reading does not need
    assertFalse(SubmitConf.keytab(conf));
  }

  @Test
  void aKeytabIsAnOptionOrEitherProperty() {
    for (String[] args : new String[][] {
        {"--master", "yarn", "--principal", "alice@EXAMPLE.COM", "--keytab", "/k/alice.keytab"},
        {"--master", "yarn", "--conf=spark.kerberos.keytab=/k/alice.keytab"},
        {"--conf", "spark.yarn.keytab=/k/alice.keytab", "--master", "yarn"}}) {
      assertTrue(SubmitConf.keytab(SubmitConf.of(args)), String.join(" ", args));
    }
    assertFalse(SubmitConf.keytab(SubmitConf.of(new String[] {"--master", "yarn", "--principal", "alice@EXAMPLE.COM"})));
  }

  /** Without Kerberos (this JVM's Hadoop configuration), or for another master, nothing is asked of the user. */
  @Test
  void onlyAKerberizedYarnAsksForCredentials() {
    Launch.requireKerberosIdentity(SubmitConf.of(new String[] {"--master", "yarn"}));
    Launch.requireKerberosIdentity(SubmitConf.of(new String[] {"--master", "spark://127.0.0.1:7077"}));
  }
}
