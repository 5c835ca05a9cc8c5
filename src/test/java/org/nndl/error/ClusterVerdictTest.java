package org.nndl.error;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.logging.log4j.core.impl.Log4jLogEvent;
import org.apache.logging.log4j.message.SimpleMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A standalone master that ends the application (Spark logs its reason, then stops the
 * SparkContext): whichever way the command then fails, it says the cluster's reason.
 */
class ClusterVerdictTest {
  /**
   * How the command fails, by where it was when the cluster ended it (Spark's own words): starting,
   * submitting a job, with a job running (aborted with the reason), with a job submitted, after,
   * posting to the stopped listener bus (CI's run), unpersisting through the stopped block manager.
   */
  private static RuntimeException[] ended(String reason) {
    return new RuntimeException[] {
        new IllegalStateException("Spark context stopped while waiting for backend"),
        new IllegalStateException("SparkContext has been shutdown"),
        new RuntimeException("wrapped", new IllegalStateException("Job aborted due to stage failure: " + reason)),
        new RuntimeException("Job aborted", new IllegalStateException("Job 0 cancelled because SparkContext was shut down")),
        new IllegalStateException("Cannot call methods on a stopped SparkContext.\nThis stopped SparkContext was created at:"),
        new IllegalStateException("LiveListenerBus is stopped."),
        new NullPointerException("Cannot invoke \"org.apache.spark.rpc.RpcEndpointRef.askSync\" because the return value of"
            + " \"org.apache.spark.storage.BlockManagerMaster.driverEndpoint()\" is null")};
  }

  @BeforeEach
  @AfterEach
  void newApplication() { ClusterVerdict.forget(); }

  private static void killed(String reason) {
    ClusterVerdict.create(null, null).filter(Log4jLogEvent.newBuilder()
        .setMessage(new SimpleMessage("Application has been killed. Reason: " + reason)).build());
  }

  @Test
  void noMasterAnsweringIsTheUsersSecretOrUrl() {
    killed("All masters are unresponsive! Giving up.");
    for (RuntimeException failure : ended("All masters are unresponsive! Giving up.")) {
      assertEquals(ExitCode.BAD_INPUT, ExitCode.of(failure), failure.toString());
      String line = ExitCode.message(failure);
      assertTrue(line.startsWith("no master accepted this application (Spark: \"All masters are unresponsive! Giving up.\")")
          && line.contains("spark.authenticate.secret") && !line.contains("\n"), line);
    }
  }

  @Test
  void anyOtherReasonIsAnInternalErrorThatSaysIt() {
    killed("Master removed our application: KILLED");
    for (RuntimeException failure : ended("Master removed our application: KILLED")) {
      assertEquals(ExitCode.INTERNAL, ExitCode.of(failure), failure.toString());
      assertEquals("IllegalStateException: the cluster ended this application: Master removed our application: KILLED",
          ExitCode.message(failure));
    }
  }

  @Test
  void withoutAVerdictTheFailureSpeaksForItself() {
    for (RuntimeException stopped : ended("")) {
      assertEquals(ExitCode.INTERNAL, ExitCode.of(stopped));
      assertEquals(stopped.getClass().getSimpleName() + ": " + Traces.firstLine(stopped.getMessage()), ExitCode.message(stopped));
    }
  }

  @Test
  void theUsersOwnErrorStaysTheirsAfterAVerdict() {
    killed("Master removed our application: KILLED");
    RuntimeException own = new RuntimeException("Job aborted", new UserError("--data /x: does not exist"));
    assertEquals(ExitCode.BAD_INPUT, ExitCode.of(own));
    assertEquals("--data /x: does not exist", ExitCode.message(own));
  }
}
