package org.nndl.error;

import java.util.List;
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
 */
@Plugin(name = "ClusterVerdict", category = Node.CATEGORY, elementType = Filter.ELEMENT_TYPE)
public final class ClusterVerdict extends AbstractFilter {
  private static final Pattern KILLED = Pattern.compile("Application has been killed\\. Reason: (.*)");
  private static final AtomicReference<String> REASON = new AtomicReference<>();
  /** Spark's words for a stopped SparkContext, by where the command was: starting (waiting for executors), submitting a job, in one, after. */
  private static final List<String> STOPPED_WORDS = List.of(
      "Spark context stopped while waiting for backend", "SparkContext has been shutdown",
      "cancelled because SparkContext was shut down", "stopped SparkContext");

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

  /**
   * Whether a failure is the cluster's ending of the application: Spark's words for a stopped
   * SparkContext, or a job aborted with the cluster's reason (a job already running then).
   */
  private static boolean endedBy(String reason, Throwable t) {
    String message = String.valueOf(t.getMessage());
    return message.contains(reason) || STOPPED_WORDS.stream().anyMatch(message::contains);
  }

  /** The cluster's reason for ending this application, or null. */
  public static String reason() { return REASON.get(); }

  /** Forgets the reason kept, as for a new application (tests run many in one JVM). */
  static void forget() { REASON.set(null); }

  /**
   * The error a failure of an application the cluster ended stands for, or null: when no master
   * answered, the user's (a master that runs with spark.authenticate refuses an application whose
   * secret is missing or not the cluster's, and gives no other sign); else an internal error
   * with the cluster's reason.
   */
  static RuntimeException of(Throwable failure) {
    String reason = reason();
    if (reason == null || Causes.first(failure, t -> endedBy(reason, t)) == null) return null;
    if (reason.contains("All masters are unresponsive")) {
      return new UserError("no master accepted this application (Spark: \"" + reason + "\"): check that the master URL is"
          + " right and up, and, on a cluster that runs with spark.authenticate, that spark.authenticate is on and"
          + " spark.authenticate.secret is the cluster's", failure);
    }
    return new IllegalStateException("the cluster ended this application: " + reason, failure);
  }
}
