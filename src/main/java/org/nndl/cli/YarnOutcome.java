package org.nndl.cli;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.hadoop.yarn.api.records.ApplicationId;
import org.apache.hadoop.yarn.client.api.YarnClient;
import org.apache.hadoop.yarn.conf.YarnConfiguration;

/**
 * The command's own outcome inside a YARN application that ended FAILED (cluster deploy mode):
 * the command ran in the ApplicationMaster, printed its one line there and ended the application
 * with it ({@link Main}); Spark's launcher says only "Application ... finished with failed
 * status". The line and the exit code are read back from the application's diagnostics.
 */
record YarnOutcome(int code, String line) {
  private static final Pattern FAILED = Pattern.compile("Application (application_\\d+_\\d+) finished with failed status");
  private static final Pattern ENDED = Pattern.compile(Main.ENDED + " (\\d+): (error: [^\\n]*)");

  /** The outcome behind the launcher's failure, or null when it is not a failed application of ours or YARN cannot tell. */
  static YarnOutcome of(Throwable failure) {
    Matcher failed = FAILED.matcher(String.valueOf(failure.getMessage()));
    if (!failed.find()) return null;
    try (YarnClient yarn = YarnClient.createYarnClient()) {
      yarn.init(new YarnConfiguration());
      yarn.start();
      String diagnostics = yarn.getApplicationReport(ApplicationId.fromString(failed.group(1))).getDiagnostics();
      Matcher ended = ENDED.matcher(String.valueOf(diagnostics));
      if (!ended.find()) return null;
      return new YarnOutcome(Integer.parseInt(ended.group(1)), ended.group(2) + " (YARN application " + failed.group(1) + ")");
    } catch (Exception e) {
      return null;  // the launcher's own failure is reported then
    }
  }
}
