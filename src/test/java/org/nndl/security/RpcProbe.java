package org.nndl.security;

import org.apache.spark.SecurityManager;
import org.apache.spark.SparkConf;
import org.apache.spark.rpc.RpcEnv;
import scala.Option;

/**
 * Connects to a Spark driver's RPC endpoint as an executor does first (the endpoint the executor's
 * --driver-url names), with spark.authenticate on and a given secret: another application's
 * executor, which holds its own application's secret. Prints {@code accepted} or
 * {@code refused: REASON} and exits 0 either way (1 on bad arguments).
 *
 * <p>Usage: RpcProbe spark://CoarseGrainedScheduler@HOST:PORT SECRET
 */
public final class RpcProbe {
  private RpcProbe() {}

  public static void main(String[] args) {
    if (args.length != 2) {
      System.err.println("usage: RpcProbe DRIVER_URL SECRET");
      System.exit(1);
    }
    System.out.println(probe(args[0], args[1]));
    System.exit(0);
  }

  /** "accepted", or "refused: " and the first line of the failure's deepest cause. */
  static String probe(String driverUrl, String secret) {
    SparkConf conf = new SparkConf(false)
        .set("spark.authenticate", "true").set("spark.authenticate.secret", secret)
        .set("spark.network.crypto.enabled", "true")
        .set("spark.rpc.askTimeout", "30s").set("spark.network.timeout", "30s");
    SecurityManager security = new SecurityManager(conf, Option.empty(), org.apache.spark.internal.config.package$.MODULE$.AUTH_SECRET_FILE());
    RpcEnv env = RpcEnv.create("probe", "127.0.0.1", "127.0.0.1", -1, conf, security, 0, true);
    try {
      env.setupEndpointRefByURI(driverUrl);
      return "accepted";
    } catch (Exception e) {
      Throwable root = e;
      while (root.getCause() != null && root.getCause() != root) root = root.getCause();
      return "refused: " + root.getClass().getName() + ": " + String.valueOf(root.getMessage()).lines().findFirst().orElse("");
    } finally {
      env.shutdown();
    }
  }
}
