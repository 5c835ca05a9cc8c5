package org.nndl.error;

/**
 * A problem the user can fix (a bad setting, a damaged file, a missing run): the message is one
 * line saying what is wrong and what to do, because the command line prints only the message.
 * Line breaks in messages taken from other libraries (Hadoop's span several lines) are folded.
 *
 * <p>It is an {@link IllegalArgumentException}, so the Spark ML API reports bad input the way Spark
 * users expect; {@link ExitCode} maps the whole family to one exit code. Only this family is the
 * user's: a plain IllegalArgumentException (a precondition, a NumberFormatException, a
 * {@code require} inside Spark) is a fault of the program, reported as such.
 */
public class UserError extends IllegalArgumentException {
  public UserError(String message) { super(oneLine(message)); }

  public UserError(String message, Throwable cause) { super(oneLine(message), cause); }

  /** The message on one line: line breaks and the spaces around them become one space. */
  public static String oneLine(String message) {
    return message == null ? "" : message.replaceAll("\\s*\\R\\s*", " ").strip();
  }
}
