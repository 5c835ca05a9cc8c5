package org.nndl.metrics;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Refuses a warehouse on a local disk when the master can put executors (or, in cluster mode,
 * the driver) on other machines: every table row is written by a task on an executor, so its
 * Parquet file would land on that machine's disk, and a driver in a YARN container keeps its
 * model and pictures in a folder that goes with the container.
 */
public final class SharedWarehouse {
  /** {@code spark://HOST:PORT[,HOST:PORT...]}: a standalone master (several with ZooKeeper). */
  private static final Pattern STANDALONE = Pattern.compile("spark://(.+)");
  private static final Set<String> LOOPBACK = Set.of("localhost", "127.0.0.1", "[::1]", "::1");

  private SharedWarehouse() {}

  /** @throws MetricsError if {@code wh} is local and {@code master} may use other machines */
  public static void check(Warehouse wh, String master) {
    if (!wh.isLocal() || oneMachine(master)) return;
    throw new MetricsError("--warehouse " + wh.root() + " is a local folder, but master " + master
        + " may run executors on other machines, each writing rows to its own disk: pass a folder every"
        + " machine shares, e.g. --warehouse hdfs://NAMENODE:8020/nndl/warehouse");
  }

  /**
   * True when every executor runs on this machine: local masters, and a standalone master bound
   * to the loopback address (a worker elsewhere could not reach it).
   */
  static boolean oneMachine(String master) {
    String m = master.trim().toLowerCase(Locale.ROOT);
    if (m.equals("local") || m.startsWith("local[") || m.startsWith("local-cluster[")) return true;
    Matcher s = STANDALONE.matcher(m);
    if (!s.matches()) return false;
    for (String hostPort : s.group(1).split(",")) {
      String host = hostPort.replaceFirst(":\\d+$", "");
      if (!LOOPBACK.contains(host)) return false;
    }
    return true;
  }
}
