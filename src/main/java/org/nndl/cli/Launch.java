package org.nndl.cli;

import java.util.Properties;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.deploy.SparkSubmit;
import org.nndl.data.KerberosCredentials;

/**
 * Spark's launcher (SparkSubmit) as ./submit starts it for a cluster master: a failure it throws
 * itself (a YARN cluster's refusal of a cluster-mode submission, an application that ended
 * FAILED) is reported as the commands report theirs, one line and an exit code, instead of the
 * JVM's stack trace and exit 1. An application that failed because the command inside it did
 * ends with that command's line and exit code ({@link YarnOutcome}). In client deploy mode the command runs inside it and reports
 * its own failures.
 */
public final class Launch {
  private Launch() {}

  public static void main(String[] args) {
    try {
      requireKerberosIdentity(SubmitConf.of(args));
      SparkSubmit.main(args);
    } catch (Throwable t) {
      System.out.flush();
      YarnOutcome app = YarnOutcome.of(t);
      if (app == null) System.exit(Main.report(t, System.err));
      System.err.println(app.line());
      System.exit(app.code());
    }
  }

  /**
   * A Kerberized YARN refuses a submission from a user without Kerberos credentials only after
   * its client's retries, a quarter of an hour of "Client cannot authenticate" warnings. Unless
   * Spark logs in from a keytab of its own, the user's ticket must be there before submitting:
   * else the one line every command gives without credentials, at once.
   */
  static void requireKerberosIdentity(Properties conf) {
    if (!conf.getProperty("spark.master", "").startsWith("yarn") || SubmitConf.keytab(conf)) return;
    KerberosCredentials.require(FileSystem.getDefaultUri(new Configuration()));
  }
}
