package org.nndl.error;

import org.apache.logging.log4j.core.Filter;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.config.Node;
import org.apache.logging.log4j.core.config.plugins.Plugin;
import org.apache.logging.log4j.core.config.plugins.PluginAttribute;
import org.apache.logging.log4j.core.config.plugins.PluginFactory;
import org.apache.logging.log4j.core.filter.AbstractFilter;

/**
 * A log4j filter (type {@code UserErrorFilter} in conf/log4j2.properties) that matches an event
 * whose exception is, or was caused by, a {@link UserError} (a user's bad file found by a task)
 * or is Spark's error of the user's SQL ({@link UsersSql}, a division by zero under ANSI mode):
 * the command reports those as its own one-line error. Every other event, an executor's
 * OutOfMemoryError or a lost heartbeat, is a mismatch and stays visible with its trace.
 */
@Plugin(name = "UserErrorFilter", category = Node.CATEGORY, elementType = Filter.ELEMENT_TYPE)
public final class UserErrorLogFilter extends AbstractFilter {
  private UserErrorLogFilter(Result onMatch, Result onMismatch) { super(onMatch, onMismatch); }

  @PluginFactory
  public static UserErrorLogFilter create(@PluginAttribute("onMatch") Result onMatch,
      @PluginAttribute("onMismatch") Result onMismatch) {
    return new UserErrorLogFilter(onMatch == null ? Result.DENY : onMatch, onMismatch == null ? Result.NEUTRAL : onMismatch);
  }

  @Override
  public Result filter(LogEvent event) {
    Throwable t = event.getThrown();
    return t != null && (ExitCode.userError(t) != null || UsersSql.caused(t)) ? onMatch : onMismatch;
  }
}
