package org.nndl.security;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;

/** A test application in its own JVM (one SparkContext per JVM), with this JVM's class path and module flags. */
final class ChildJvm {
  private ChildJvm() {}

  /** Starts main's class; its standard output is the test's to read, its standard error discarded. */
  static Process start(Class<?> main) throws IOException {
    List<String> cmd = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java")));
    for (String a : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
      if (a.startsWith("--add-") || a.startsWith("-XX:+IgnoreUnrecognized") || a.startsWith("-Dio.netty") || a.startsWith("-Dlog4j2")) cmd.add(a);
    }
    cmd.addAll(List.of("-Xmx512m", "-cp", System.getProperty("java.class.path"), main.getName()));
    return new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
  }
}
