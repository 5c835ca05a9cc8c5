package org.nndl.error;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nndl.data.DataError;

/** Which failures are the user's (exit 2, the message alone) and which are faults of the program (exit 70, the class named). */
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
      assertEquals(ExitCode.INTERNAL, ExitCode.of(internal), internal.toString());
    }
    assertEquals("NumberFormatException: For input string: \"x\"",
        ExitCode.message(new NumberFormatException("For input string: \"x\"\nmore")));
  }

  /** A cluster's refusal of a setting, however deep Spark wrapped it, is the user's: one line naming the setting. */
  @Test
  void aClustersRefusalOfASettingNamesTheSetting() {
    String[][] cases = {
        {"Required AM memory (4096+409 MB) is above the max threshold (2048 MB) of this cluster! Please check the values of"
            + " 'yarn.scheduler.maximum-allocation-mb' and/or 'yarn.nodemanager.resource.memory-mb'.", "--driver-memory"},
        {"Required executor memory (4096 MB), offHeap memory (0) MB, overhead (409 MB), and PySpark memory (0 MB) is above"
            + " the max threshold (2048 MB) of this cluster! Please check ...", "--executor-memory"},
        {"Application application_1_0001 submitted by user nndl to unknown queue: nosuch", "--queue"},
        {"Invalid resource request! Cannot allocate containers as requested resource is greater than maximum allowed"
            + " allocation. Requested resource type=[vcores], Requested resource=<memory:1024, vCores:9>, maximum allowed"
            + " allocation=<memory:2048, vCores:4>, please note that maximum allowed allocation is calculated", "--executor-cores"}};
    for (String[] c : cases) {
      RuntimeException spark = new RuntimeException("wrapped", new IllegalArgumentException(c[0]));
      assertEquals(ExitCode.BAD_INPUT, ExitCode.of(spark), c[0]);
      String line = ExitCode.message(spark);
      assertTrue(line.contains(c[1]) && !line.contains("\n"), line);
    }
    assertTrue(ExitCode.message(new IllegalArgumentException(cases[0][0])).contains("4096+409 MB"));
    assertTrue(ExitCode.message(new IllegalArgumentException(cases[3][0])).contains("9 cores, more than this cluster's largest (4)"));
    assertEquals(ExitCode.INTERNAL, ExitCode.of(new IllegalArgumentException("above the max threshold, said a bug")));
  }

  /** A cluster-mode submission to a Kerberized YARN without credentials fails at the ResourceManager, in Hadoop's words. */
  @Test
  void noKerberosCredentialsAtTheResourceManagerSaysHowToAuthenticate() {
    RuntimeException submit = new RuntimeException(new java.io.IOException("DestHost:destPort localhost:8032 , LocalHost:localPort"
        + " box/127.0.1.1:0. Failed on local exception: java.io.IOException: org.apache.hadoop.security.AccessControlException:"
        + " Client cannot authenticate via:[TOKEN, KERBEROS]"));
    assertEquals(ExitCode.BAD_INPUT, ExitCode.of(submit));
    assertEquals("no Kerberos credentials for this Hadoop cluster: run kinit (or set KRB5CCNAME to your ticket cache) or"
        + " pass --principal NAME@REALM --keytab FILE before the command", ExitCode.message(submit));
  }
}
