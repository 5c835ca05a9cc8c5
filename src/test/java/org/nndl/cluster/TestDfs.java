package org.nndl.cluster;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.CreateFlag;
import org.apache.hadoop.fs.permission.FsPermission;
import org.apache.hadoop.hdfs.DistributedFileSystem;
import org.apache.hadoop.hdfs.MiniDFSCluster;

/**
 * One in-JVM HDFS shared by the tests that need one (a NameNode and two DataNodes, started on
 * first use, stopped when the JVM ends). The DataNodes register as {@link #HOSTS}, so that the
 * NameNode's block locations tell them apart although both run on 127.0.0.1.
 */
public final class TestDfs {
  /** The host names DataNode 0 and DataNode 1 register with. */
  public static final String[] HOSTS = {"dn0.test", "dn1.test"};

  private static MiniDFSCluster cluster;

  private TestDfs() {}

  public static synchronized MiniDFSCluster get() {
    if (cluster == null) {
      try {
        Path base = Files.createTempDirectory("nndl-testdfs");
        Configuration conf = new Configuration();
        conf.set(MiniDFSCluster.HDFS_MINIDFS_BASEDIR, base.toString());
        conf.setInt("dfs.replication", 1);
        conf.setBoolean("dfs.permissions.enabled", false);
        cluster = new MiniDFSCluster.Builder(conf).numDataNodes(2).hosts(HOSTS).build();
        cluster.waitActive();
        MiniDFSCluster started = cluster;
        Runtime.getRuntime().addShutdownHook(new Thread(started::shutdown));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return cluster;
  }

  /** hdfs://127.0.0.1:PORT + path. */
  public static String uri(String path) { return "hdfs://127.0.0.1:" + get().getNameNodePort() + path; }

  public static DistributedFileSystem fs() {
    try {
      return get().getFileSystem();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Copies a local file or folder to path. */
  public static void put(Path local, String path) throws IOException {
    fs().copyFromLocalFile(new org.apache.hadoop.fs.Path(local.toUri()), new org.apache.hadoop.fs.Path(path));
  }

  /**
   * Writes a file of one replica in two HDFS blocks: bytes {@code [0, split)} stored on DataNode 0,
   * the rest on DataNode 1 (a new block appended with DataNode 1 as the favoured node).
   */
  public static void writeTwoBlocks(String path, byte[] bytes, int split) throws IOException {
    DistributedFileSystem fs = fs();
    org.apache.hadoop.fs.Path p = new org.apache.hadoop.fs.Path(path);
    try (OutputStream out = fs.create(p, FsPermission.getFileDefault(), true, 4096, (short) 1, 128L << 20, null,
        new InetSocketAddress[] {dataNode(0)})) {
      out.write(bytes, 0, split);
    }
    try (OutputStream out = fs.append(p, EnumSet.of(CreateFlag.APPEND, CreateFlag.NEW_BLOCK), 4096, null,
        new InetSocketAddress[] {dataNode(1)})) {
      out.write(bytes, split, bytes.length - split);
    }
  }

  /** The data transfer address of the DataNode registered as HOSTS[i]. */
  private static InetSocketAddress dataNode(int i) {
    return get().getDataNodes().stream().filter(d -> d.getDatanodeId().getHostName().equals(HOSTS[i])).findFirst()
        .orElseThrow(() -> new IllegalStateException("no DataNode registered as " + HOSTS[i])).getXferAddress();
  }
}
