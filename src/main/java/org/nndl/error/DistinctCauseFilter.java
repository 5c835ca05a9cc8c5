package org.nndl.error;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.logging.log4j.core.Filter;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.config.Node;
import org.apache.logging.log4j.core.config.plugins.Plugin;
import org.apache.logging.log4j.core.config.plugins.PluginAttribute;
import org.apache.logging.log4j.core.config.plugins.PluginFactory;
import org.apache.logging.log4j.core.filter.AbstractFilter;

/**
 * The console's filter (type {@code DistinctCauseFilter} in conf/log4j2.properties): one line per
 * distinct cause. An event whose cause was already shown, with only numbers changed (another
 * task, attempt, executor or stage), is not shown again; the log file keeps every one. The cause
 * of Spark's "Lost task ... (host executor N): REASON" is its reason, so an executor's
 * OutOfMemoryError logged by the executor and again by the scheduler counts once; the cause of
 * another event with an exception is that exception's class and first line; of an event without
 * a trace its whole message (YARN's application report, whose final status is on a later line);
 * of any other its first line.
 */
@Plugin(name = "DistinctCauseFilter", category = Node.CATEGORY, elementType = Filter.ELEMENT_TYPE)
public final class DistinctCauseFilter extends AbstractFilter {
  private final Set<String> shown = ConcurrentHashMap.newKeySet();

  private DistinctCauseFilter(Result onMatch, Result onMismatch) { super(onMatch, onMismatch); }

  /** onMatch: what a first cause gets (NEUTRAL); onMismatch: what a repeated one gets (DENY). */
  @PluginFactory
  public static DistinctCauseFilter create(@PluginAttribute("onMatch") Result onMatch,
      @PluginAttribute("onMismatch") Result onMismatch) {
    return new DistinctCauseFilter(onMatch == null ? Result.NEUTRAL : onMatch, onMismatch == null ? Result.DENY : onMismatch);
  }

  @Override
  public Result filter(LogEvent event) {
    return shown.add(cause(event.getMessage().getFormattedMessage(), event.getThrown())) ? onMatch : onMismatch;
  }

  /** The cause an event reports, its numbers replaced by '#'. */
  static String cause(String message, Throwable thrown) {
    String first = Traces.firstLine(message);
    String text;
    int reason = first.indexOf("): ");
    if (first.startsWith("Lost task ") && reason >= 0) text = first.substring(reason + 3);
    else if (thrown != null) text = thrown.getClass().getName() + ": " + Traces.firstLine(thrown.getMessage());
    else if (!Traces.holdsTrace(message)) text = message.strip();  // a report of several lines (YARN's) counts whole
    else text = first;
    return text.replaceAll("[0-9]+", "#");
  }
}
