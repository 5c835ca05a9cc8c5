package org.nndl.cluster;

import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.hadoop.security.UserGroupInformation;
import org.apache.hadoop.yarn.conf.YarnConfiguration;
import org.apache.hadoop.yarn.server.nodemanager.NodeManager;

/**
 * One YARN NodeManager in its own JVM, for {@link MiniHadoop}: so that a test can lose a whole
 * node (kill -9 of this JVM and the containers it started) while the ResourceManager, HDFS and
 * the other NodeManager keep running.
 *
 * <p>Usage: {@code MiniNodeManager DIR INDEX MEMORY_MB}, with DIR/conf first on its class path:
 * reads the ResourceManager's addresses from DIR/conf/yarn-site.xml, keeps its local and log folders under DIR/nmINDEX, binds
 * 127.0.0.1 on free ports and offers MEMORY_MB. Runs until stopped; SIGTERM stops it, and
 * with it its containers.
 */
public final class MiniNodeManager {
  private MiniNodeManager() {}

  public static void main(String[] args) throws Exception {
    if (args.length != 3) {
      System.err.println("usage: MiniNodeManager DIR INDEX MEMORY_MB");
      System.exit(2);
    }
    Path dir = Path.of(args[0]).toAbsolutePath();
    Path home = dir.resolve("nm" + args[1]);
    YarnConfiguration conf = new YarnConfiguration();  // DIR/conf's files, from the class path
    conf.set(YarnConfiguration.NM_LOCAL_DIRS, Files.createDirectories(home.resolve("local")).toString());
    conf.set(YarnConfiguration.NM_LOG_DIRS, Files.createDirectories(home.resolve("log")).toString());
    conf.set(YarnConfiguration.NM_ADDRESS, "127.0.0.1:0");
    conf.set(YarnConfiguration.NM_LOCALIZER_ADDRESS, "127.0.0.1:0");
    conf.set(YarnConfiguration.NM_WEBAPP_ADDRESS, "127.0.0.1:0");
    conf.setInt(YarnConfiguration.NM_PMEM_MB, Integer.parseInt(args[2]));
    conf.setInt(YarnConfiguration.NM_VCORES, 4);
    conf.setBoolean(YarnConfiguration.NM_PMEM_CHECK_ENABLED, false);
    conf.setBoolean(YarnConfiguration.NM_VMEM_CHECK_ENABLED, false);
    conf.setBoolean(YarnConfiguration.NM_CONTAINER_MONITOR_ENABLED, false);
    conf.setFloat(YarnConfiguration.NM_MAX_PER_DISK_UTILIZATION_PERCENTAGE, 99.0f);
    // Containers and their logs are kept a while after they end, for post-mortems.
    conf.setInt(YarnConfiguration.DEBUG_NM_DELETE_DELAY_SEC, 600);
    // Kerberos or not, as core-site.xml says (the NodeManager then logs in with its keytab).
    UserGroupInformation.setConfiguration(conf);
    NodeManager nm = new NodeManager();
    Runtime.getRuntime().addShutdownHook(new Thread(nm::stop));
    nm.init(conf);
    nm.start();
    Thread.currentThread().join();
  }
}
