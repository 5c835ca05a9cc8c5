package org.nndl.error;

import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.logging.log4j.core.Filter;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.config.Node;
import org.apache.logging.log4j.core.config.plugins.Plugin;
import org.apache.logging.log4j.core.config.plugins.PluginAttribute;
import org.apache.logging.log4j.core.config.plugins.PluginFactory;
import org.apache.logging.log4j.core.filter.AbstractFilter;

/**
 * Why a standalone cluster ended this application. Spark says it only in a log line
 * ("Application has been killed. Reason: ...") before it stops the SparkContext, so the command
 * fails later with a bare "Cannot call methods on a stopped SparkContext". This log4j filter (type
 * {@code ClusterVerdict} on StandaloneSchedulerBackend's logger in conf/log4j2.properties) keeps
 * that reason for the command's error line, and lets the event through unchanged.
 *
 * <p>Once the cluster ended the application, whatever failure reaches the command is its
 * consequence: Spark stops the SparkContext on its own thread, and the command then fails with
 * words that depend only on where it was (waiting for executors, submitting a job, in a job,
 * posting to the stopped listener bus, unpersisting through a stopped block manager, ...). So
 * the reason stands for any failure after it, not for a list of Spark's phrasings.
 */
@Plugin(name = "ClusterVerdict", category = Node.CATEGORY, elementType = Filter.ELEMENT_TYPE)
public final class ClusterVerdict extends AbstractFilter {
  private static final Pattern KILLED = Pattern.compile("Application has been killed\\. Reason: (.*)");
  private static final AtomicReference<String> REASON = new AtomicReference<>();
  private ClusterVerdict(Result onMatch, Result onMismatch) { super(onMatch, onMismatch); }

  @PluginFactory
  public static ClusterVerdict create(@PluginAttribute("onMatch") Result onMatch, @PluginAttribute("onMismatch") Result onMismatch) {
    return new ClusterVerdict(onMatch == null ? Result.NEUTRAL : onMatch, onMismatch == null ? Result.NEUTRAL : onMismatch);
  }

  @Override
  public Result filter(LogEvent event) {
    Matcher m = KILLED.matcher(event.getMessage().getFormattedMessage());
    if (m.find()) REASON.compareAndSet(null, m.group(1).strip());
    return Result.NEUTRAL;
  }

  /** The cluster's reason for ending this application, or null. */
  public static String reason() { return REASON.get(); }

  /** Forgets the reason kept, as for a new application (tests run many in one JVM). */
  static void forget() { REASON.set(null); }

  /**
   * The error a failure stands for when the cluster ended this application, or null when it did
   * not: when no master
   * answered, the user's (a master that runs with spark.authenticate refuses an application whose
   * secret is missing or not the cluster's, and gives no other sign); else an internal error
   * with the cluster's reason.
   */
  static RuntimeException of(Throwable failure) {
    String reason = reason();
    if (reason == null) return null;
    if (reason.contains("All masters are unresponsive")) {
      return new UserError("no master accepted this application (Spark: \"" + reason + "\"): check that the master URL is"
          + " right and up, and, on a cluster that runs with spark.authenticate, that spark.authenticate is on and"
          + " spark.authenticate.secret is the cluster's", failure);
    }
    return new IllegalStateException("the cluster ended this application: " + reason, failure);
  }
}
