package org.nndl.error;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import org.apache.logging.log4j.core.Layout;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.config.Node;
import org.apache.logging.log4j.core.config.plugins.Plugin;
import org.apache.logging.log4j.core.config.plugins.PluginFactory;
import org.apache.logging.log4j.core.layout.AbstractStringLayout;

/**
 * The console's layout (type {@code OneLineLayout} in conf/log4j2.properties): each event on one
 * line, {@code HH:mm:ss LEVEL Logger: first line of the message}, with the exception's class and
 * first line when the message does not already say them, and, when the event has a trace (its
 * exception's, or the lines Spark puts in the message of a lost task), the log file that holds
 * it ({@link TraceLog#file()}). An event without a trace is shown whole (YARN's application
 * report spans several lines). Without a log file, or with NNDL_DEBUG=1, the trace follows on
 * the console as before.
 */
@Plugin(name = "OneLineLayout", category = Node.CATEGORY, elementType = Layout.ELEMENT_TYPE)
public final class OneLineLayout extends AbstractStringLayout {
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());

  private OneLineLayout() { super(StandardCharsets.UTF_8); }

  @PluginFactory
  public static OneLineLayout create() { return new OneLineLayout(); }

  @Override
  public String toSerializable(LogEvent event) {
    String message = event.getMessage().getFormattedMessage();
    Throwable thrown = event.getThrown();
    String file = TraceLog.debug() ? null : TraceLog.file();
    StringBuilder line = new StringBuilder()
        .append(TIME.format(Instant.ofEpochMilli(event.getTimeMillis()))).append(' ')
        .append(event.getLevel()).append(' ').append(shortName(event.getLoggerName())).append(": ");
    if (file == null || (thrown == null && !Traces.holdsTrace(message))) {  // a report of several lines (YARN's) stays whole
      line.append(message).append(System.lineSeparator());
      if (thrown != null) line.append(Traces.of(thrown));
      return line.toString();
    }
    String first = Traces.firstLine(message);
    line.append(first);
    if (thrown != null && !message.contains(thrown.getClass().getName())) {
      line.append(": ").append(thrown.getClass().getName()).append(": ").append(Traces.firstLine(thrown.getMessage()));
    }
    line.append(" (full trace in ").append(file).append(')');
    return line.append(System.lineSeparator()).toString();
  }

  private static String shortName(String logger) { return logger == null ? "" : logger.substring(logger.lastIndexOf('.') + 1); }
}
