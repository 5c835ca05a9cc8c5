package org.nndl.error;

import java.util.List;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A cluster's refusal of a submission, as Spark or YARN words it, turned into the user's one-line
 * error naming the setting to change: a container larger than the cluster's largest (memory or
 * cores), a queue the cluster does not have, spark.authenticate without a secret, a yarn master
 * without the cluster's configuration, a Kerberized YARN or HDFS reached without credentials (a
 * cluster-mode submission fails at the ResourceManager, before the command runs to check them).
 * These are settings the user gives, so they are bad input (exit 2), however deep Spark wrapped them.
 */
public final class ClusterRefusals {
  private record Refusal(Pattern pattern, Function<Matcher, String> advice) {}

  private static final List<Refusal> KNOWN = List.of(
      new Refusal(Pattern.compile("Required AM memory \\((\\d+)\\+(\\d+) MB\\) is above the max threshold \\((\\d+) MB\\)"),
          m -> "the YARN ApplicationMaster needs " + m.group(1) + "+" + m.group(2) + " MB (memory + overhead), more than"
              + " this cluster's largest container (" + m.group(3) + " MB): lower --driver-memory (spark.driver.memory) in"
              + " cluster deploy mode, spark.yarn.am.memory in client mode, or raise the cluster's yarn.scheduler.maximum-allocation-mb"),
      new Refusal(Pattern.compile("Required executor memory \\((\\d+)( MB)?\\).*?overhead \\((\\d+) MB\\).*?is above the max threshold \\((\\d+) MB\\)"),
          m -> "each executor needs " + m.group(1) + "+" + m.group(3) + " MB (memory + overhead), more than this YARN"
              + " cluster's largest container (" + m.group(4) + " MB): lower --executor-memory (spark.executor.memory),"
              + " or raise the cluster's yarn.scheduler.maximum-allocation-mb"),
      new Refusal(Pattern.compile("Requested resource type=\\[vcores\\].*?vCores:(\\d+)>.*?maximum allowed allocation=<memory:\\d+, vCores:(\\d+)>"),
          m -> "a container asks YARN for " + m.group(1) + " cores, more than this cluster's largest (" + m.group(2)
              + "): lower --executor-cores (spark.executor.cores), --driver-cores (cluster deploy mode) or"
              + " spark.yarn.am.cores (client mode), or raise the cluster's yarn.scheduler.maximum-allocation-vcores"),
      new Refusal(Pattern.compile("to unknown queue: (\\S+)"),
          m -> "YARN has no queue " + m.group(1) + ": give --queue (spark.yarn.queue) a queue of this cluster"
              + " (the default queue is 'default')"),
      new Refusal(Pattern.compile("A secret key must be specified via the spark.authenticate.secret config"),
          m -> "spark.authenticate is on but this application has no secret: give it the cluster's"
              + " spark.authenticate.secret (in a properties file only you can read, see docs/security.md)"),
      new Refusal(Pattern.compile("Client cannot authenticate via:\\[TOKEN, KERBEROS\\]"),
          m -> noKerberosCredentials("this Hadoop cluster")),
      new Refusal(Pattern.compile("either HADOOP_CONF_DIR or YARN_CONF_DIR must be set"),
          m -> "--master yarn needs HADOOP_CONF_DIR (or YARN_CONF_DIR): the folder of the cluster's core-site.xml and yarn-site.xml"));

  private ClusterRefusals() {}

  /** What to do when a Kerberized Hadoop (HDFS, YARN) cannot tell who the user is, for WHERE. */
  public static String noKerberosCredentials(String where) {
    return "no Kerberos credentials for " + where + ": run kinit (or set KRB5CCNAME to your ticket"
        + " cache) or pass --principal NAME@REALM --keytab FILE before the command";
  }

  /** The user's error for a cluster's refusal somewhere in the failure's causes, or null. */
  public static UserError of(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      String message = t.getMessage();
      if (message == null) continue;
      for (Refusal r : KNOWN) {
        Matcher m = r.pattern().matcher(message);
        if (m.find()) return new UserError(r.advice().apply(m), failure);
      }
    }
    return null;
  }
}
