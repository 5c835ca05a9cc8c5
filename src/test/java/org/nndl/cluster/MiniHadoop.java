package org.nndl.cluster;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.permission.FsPermission;
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.apache.hadoop.security.UserGroupInformation;
import org.apache.hadoop.yarn.conf.YarnConfiguration;
import org.apache.hadoop.yarn.server.MiniYARNCluster;

/**
 * A one-box Hadoop for src/test/cluster/hadoop.sh: an HDFS (a NameNode and two DataNodes) and a
 * YARN (a ResourceManager and two NodeManagers) on 127.0.0.1, from hadoop-client-minicluster.
 * HDFS and the ResourceManager run in this JVM; each NodeManager is a child JVM of its own
 * ({@link MiniNodeManager}, logging to DIR/nmI.log), so that a test can lose one node whole.
 *
 * <p>Usage: {@code MiniHadoop DIR [--kerberos]}, started with DIR as its working folder (MiniYARNCluster keeps
 * its state under {@code ./target}). With {@code --kerberos}, HDFS and YARN run in secure mode with
 * a KDC of their own ({@link SecureHadoop}): the client files then carry the secure settings too,
 * and HDFS checks permissions, its root and {@code /tmp} open to all with the sticky bit (like a
 * local {@code /tmp}: anyone may add, only the owner may remove), {@code /user/NAME} each user's. Writes DIR/conf/{core,hdfs,yarn}-site.xml, then DIR/ready
 * holding the file system's URI (core-site.xml: fs.defaultFS; hdfs-site.xml: the client's
 * replication and block size; yarn-site.xml: the ResourceManager's addresses), and runs until it is stopped (SIGTERM stops both clusters).
 * Any failure to start ends the JVM with status 1 (MiniDFSCluster's non-daemon threads would
 * otherwise keep it alive).
 */
public final class MiniHadoop {
  private static final int NODES = 2;
  /**
   * What each NodeManager offers: two containers of 1 GiB (512 MiB plus Spark's 384 MiB
   * overhead, rounded up), so that an application's ApplicationMaster (or cluster-mode driver)
   * and two executors always leave one node with an executor and no ApplicationMaster.
   */
  private static final int NODE_MEMORY_MB = 2048;
  /**
   * How long the ResourceManager waits for a silent NodeManager before declaring it LOST and
   * telling the applications that its containers are gone (YARN's default: 10 minutes).
   */
  private static final int NM_EXPIRY_MS = 30_000;

  private MiniHadoop() {}

  public static void main(String[] args) {
    if (args.length != 1 && !(args.length == 2 && args[1].equals("--kerberos"))) {
      System.err.println("usage: MiniHadoop DIR [--kerberos]");
      System.exit(2);
    }
    try {
      start(Path.of(args[0]).toAbsolutePath(), args.length == 2);
    } catch (Throwable e) {
      e.printStackTrace();
      System.exit(1);
    }
  }

  private static void start(Path dir, boolean kerberos) throws Exception {
    Path conf = Files.createDirectories(dir.resolve("conf"));
    Configuration secureKeys = new Configuration(false);
    SecureHadoop secure = kerberos ? SecureHadoop.start(dir) : null;
    if (secure != null) {
      secure.configure(secureKeys, dir.resolve("ssl"));
      UserGroupInformation.setConfiguration(withAll(new Configuration(), secureKeys));
    }
    MiniDFSCluster dfs = startDfs(dir, secureKeys);
    if (secure != null) openToUsers(dfs.getFileSystem());
    MiniYARNCluster yarn = startYarn(dfs.getConfiguration(0));
    List<Process> nodes = new ArrayList<>();
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      stopAll(nodes);
      yarn.stop();
      dfs.shutdown();
      if (secure != null) secure.stop();
    }));
    String fs = "hdfs://127.0.0.1:" + dfs.getNameNodePort();
    writeClientFiles(conf, fs, dfs, yarn, secureKeys);
    for (int i = 1; i <= NODES; i++) nodes.add(startNodeManager(dir, i));
    awaitNodes(yarn, nodes);
    writeAtomically(dir.resolve("ready"), fs + "\n");
    Thread.currentThread().join();
  }

  /** DIR/conf: what a client needs of the running clusters, and the secure settings (none without Kerberos). */
  private static void writeClientFiles(Path conf, String fs, MiniDFSCluster dfs, MiniYARNCluster yarn,
      Configuration secureKeys) throws IOException {
    Configuration core = prefixed(secureKeys, "hadoop.");
    core.set("fs.defaultFS", fs);
    writeXml(core, conf.resolve("core-site.xml"));
    writeXml(withAll(only(dfs.getConfiguration(0), "dfs.replication", "dfs.blocksize"), prefixed(secureKeys, "dfs.")),
        conf.resolve("hdfs-site.xml"));
    writeXml(changed(yarn.getConfig(), "yarn."), conf.resolve("yarn-site.xml"));
    // Empty, for Hadoop's FsShell (hadoop.sh fs): it reads its configuration strictly, and once a
    // Kerberos login has loaded Hadoop's MapReduce classes (through the token identifiers'
    // services), these are among its files; a missing one fails every command.
    writeXml(new Configuration(false), conf.resolve("mapred-site.xml"));
  }

  /** NodeManager {@code index} as a child JVM on this JVM's class path. */
  private static Process startNodeManager(Path dir, int index) throws IOException {
    List<String> cmd = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"), "-Xmx384m"));
    for (String key : new String[] {"log4j2.configurationFile", "java.security.krb5.conf"}) {
      String value = System.getProperty(key);
      if (value != null) cmd.add("-D" + key + "=" + value);
    }
    // The client files first on its class path: every Configuration it makes (its resource
    // localizer's HDFS client too) then has them, the secure settings included.
    cmd.addAll(List.of("-cp", dir.resolve("conf") + File.pathSeparator + System.getProperty("java.class.path"), MiniNodeManager.class.getName(),
        dir.toString(), Integer.toString(index), Integer.toString(NODE_MEMORY_MB)));
    File log = dir.resolve("nm" + index + ".log").toFile();
    return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log).start();
  }

  /** Returns once the ResourceManager counts every NodeManager as running (fails if one ends first). */
  private static void awaitNodes(MiniYARNCluster yarn, List<Process> nodes) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
    while (yarn.getResourceManager().getResourceScheduler().getNumClusterNodes() < nodes.size()) {
      for (Process p : nodes) {
        if (!p.isAlive()) throw new IllegalStateException("a NodeManager JVM ended (status " + p.exitValue() + "): see nm*.log");
      }
      if (System.nanoTime() > deadline) throw new IllegalStateException("the NodeManagers did not register within 5 minutes");
      Thread.sleep(200);
    }
  }

  /** SIGTERM to each NodeManager (which stops its containers), then waits for them. */
  private static void stopAll(List<Process> nodes) {
    nodes.forEach(Process::destroy);
    for (Process p : nodes) {
      try {
        if (!p.waitFor(20, TimeUnit.SECONDS)) p.destroyForcibly();
      } catch (InterruptedException e) {
        p.destroyForcibly();
      }
    }
  }

  /** An HDFS without permission checks, unless {@code secure} (the secure settings, or none) turns them on. */
  private static MiniDFSCluster startDfs(Path dir, Configuration secure) throws IOException {
    Configuration conf = new Configuration();
    conf.set(MiniDFSCluster.HDFS_MINIDFS_BASEDIR, dir.resolve("dfs").toString());
    // Small blocks, so that a data file of a few MB spans several blocks and both DataNodes.
    conf.setLong("dfs.blocksize", 1024 * 1024);
    conf.setInt("dfs.replication", 1);
    conf.setBoolean("dfs.permissions.enabled", false);
    withAll(conf, secure);
    MiniDFSCluster dfs = new MiniDFSCluster.Builder(conf).numDataNodes(NODES).build();
    dfs.waitActive();
    return dfs;
  }

  private static MiniYARNCluster startYarn(Configuration dfsConf) throws Exception {
    YarnConfiguration conf = new YarnConfiguration(dfsConf);
    conf.set("yarn.scheduler.capacity.root.queues", "default");
    conf.set("yarn.scheduler.capacity.root.default.capacity", "100");
    conf.setInt(YarnConfiguration.RM_SCHEDULER_MINIMUM_ALLOCATION_MB, 256);
    conf.setInt(YarnConfiguration.RM_NM_EXPIRY_INTERVAL_MS, NM_EXPIRY_MS);
    // The ResourceManager alone: the NodeManagers are child JVMs (startNodeManager).
    MiniYARNCluster yarn = new MiniYARNCluster("nndl", 0, 1, 1);
    yarn.init(conf);
    yarn.start();
    return yarn;
  }

  /**
   * As HDFS's superuser (this JVM's login): the root and /tmp writable by all with the sticky bit
   * (1777), and a home folder /user/NAME owned by each user, where Spark stages an application.
   */
  private static void openToUsers(FileSystem fs) throws IOException {
    FsPermission sharedSticky = new FsPermission((short) 01777);
    fs.setPermission(new org.apache.hadoop.fs.Path("/"), sharedSticky);
    fs.mkdirs(new org.apache.hadoop.fs.Path("/tmp"));
    fs.setPermission(new org.apache.hadoop.fs.Path("/tmp"), sharedSticky);
    for (String user : SecureHadoop.USERS) {
      org.apache.hadoop.fs.Path home = new org.apache.hadoop.fs.Path("/user/" + user);
      fs.mkdirs(home);
      fs.setOwner(home, user, null);
    }
  }

  /** {@code to} with every setting of {@code from} added (replacing its own). */
  private static Configuration withAll(Configuration to, Configuration from) {
    for (Map.Entry<String, String> e : from) to.set(e.getKey(), e.getValue());
    return to;
  }

  /** The settings of {@code conf} whose names start with {@code prefix}, alone. */
  private static Configuration prefixed(Configuration conf, String prefix) {
    Configuration out = new Configuration(false);
    for (Map.Entry<String, String> e : conf) {
      if (e.getKey().startsWith(prefix)) out.set(e.getKey(), e.getValue());
    }
    return out;
  }

  /**
   * What a client needs of a running cluster's configuration: the running one also holds
   * test-only settings (MiniDFSCluster's StaticMapping rack resolver, from a test jar) that
   * would fail a client without that jar.
   */
  private static Configuration only(Configuration running, String... keys) {
    Configuration out = new Configuration(false);
    for (String k : keys) out.set(k, running.get(k));
    return out;
  }

  /** The {@code prefix} settings of a running cluster that differ from Hadoop's defaults (addresses, queues, limits). */
  private static Configuration changed(Configuration running, String prefix) {
    Configuration defaults = new YarnConfiguration();
    Configuration out = new Configuration(false);
    for (Map.Entry<String, String> e : running) {
      String k = e.getKey();
      if (k.startsWith(prefix) && !e.getValue().equals(defaults.get(k))) out.set(k, running.get(k));
    }
    return out;
  }

  private static void writeXml(Configuration conf, Path file) throws IOException {
    try (OutputStream out = Files.newOutputStream(file)) {
      conf.writeXml(out);
    }
  }

  /** Written whole or not at all: a reader polling for the file never sees half of it. */
  private static void writeAtomically(Path file, String text) throws IOException {
    Path tmp = Files.writeString(new File(file + ".tmp").toPath(), text);
    Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
  }
}
