package org.nndl.security;

import org.apache.spark.SparkConf;
import org.apache.spark.SparkContext;
import org.apache.spark.SparkEnv;

/**
 * A Spark application with spark.authenticate on and no secret given, for {@link AppSecretTest}
 * (its own JVM): on a local master, as on YARN, Spark generates the secret for this application
 * alone. Prints {@code driver URL SECRET} (an endpoint its executors talk to) and runs until
 * its standard input closes.
 */
public final class AppSecretApp {
  private AppSecretApp() {}

  public static void main(String[] args) throws Exception {
    SparkConf conf = new SparkConf().setMaster("local[1]").setAppName("app-secret-test")
        .set("spark.ui.enabled", "false").set("spark.authenticate", "true").set("spark.network.crypto.enabled", "true");
    SparkContext sc = new SparkContext(conf);
    SparkEnv env = sc.env();
    // A local master has no CoarseGrainedScheduler (an executor's first stop on a cluster): its
    // HeartbeatReceiver, which every executor also talks to, sits behind the same authentication.
    String url = "spark://HeartbeatReceiver@" + env.rpcEnv().address().hostPort();
    System.out.println("driver " + url + " " + env.securityManager().getSecretKey());
    while (System.in.read() >= 0) { /* until the test closes our input */ }
    System.exit(0);
  }
}
