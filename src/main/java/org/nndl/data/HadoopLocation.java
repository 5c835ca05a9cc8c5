package org.nndl.data;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.BlockLocation;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.apache.spark.SparkEnv;
import scala.Tuple2;

/**
 * A file behind a Hadoop FileSystem URI (file://, hdfs://, s3a://, ...), so that a cluster can read
 * its data from shared storage; Hadoop's client comes with Spark.
 */
final class HadoopLocation implements Location {
  private final URI uri;

  HadoopLocation(String text) {
    try {
      this.uri = new URI(text);
    } catch (URISyntaxException e) {
      throw new DataError(text + ": not a valid URI (" + e.getMessage() + "): check its spelling", e);
    }
  }

  private HadoopLocation(URI uri) { this.uri = uri; }

  @Override public String name() { return uri.toString(); }

  @Override public Location child(String fileName) {
    return new HadoopLocation(new Path(new Path(uri), fileName).toUri());
  }

  @Override public boolean isFile() {
    FileStatus status = status();
    return status != null && status.isFile();
  }

  @Override public boolean isDirectory() {
    FileStatus status = status();
    return status != null && status.isDirectory();
  }

  @Override public Opened open() {
    FileStatus status = status();
    if (status == null) throw new DataError(name() + ": no such file: check the URI");
    if (status.isDirectory()) {
      throw new DataError(name() + ": is a directory, expected an IDX file: name the file itself");
    }
    if (status.getLen() == 0) throw new DataError(name() + ": file is empty: download or write it again");
    try {
      return new Opened(fileSystem().open(new Path(uri)), status.getLen());
    } catch (IOException e) {
      throw new DataError(name() + ": cannot be read (" + e + "): check the file and its permissions", e);
    }
  }

  /** Seeks rather than skips: on HDFS or S3 only the bytes from {@code offset} on are fetched. */
  @Override public Opened openAt(long offset) {
    Opened file = open();
    try {
      ((FSDataInputStream) file.in()).seek(offset);
      return file;
    } catch (IOException e) {
      try { file.in().close(); } catch (IOException ignored) { /* the seek failure is the news */ }
      throw new DataError(name() + ": cannot seek to byte " + offset + " (" + e + "): check the file", e);
    }
  }

  /**
   * The blocks' hosts as the NameNode (or another distributed file system) lists them. Hadoop's
   * local file system names every block "localhost", which says nothing: none there.
   */
  @Override public List<StoredBlock> storedBlocks() {
    FileSystem fs = fileSystem();
    if (fs instanceof LocalFileSystem || fs instanceof RawLocalFileSystem) return List.of();
    FileStatus status = status();
    if (status == null || !status.isFile()) return List.of();
    try {
      List<StoredBlock> blocks = new ArrayList<>();
      for (BlockLocation b : fs.getFileBlockLocations(status, 0, status.getLen())) {
        blocks.add(new StoredBlock(b.getOffset(), b.getLength(), List.of(b.getHosts())));
      }
      return blocks;
    } catch (IOException e) {
      return List.of();  // only where to read first is lost: the read itself reports a real problem
    }
  }

  /** The file's status, or null when nothing is there. */
  private FileStatus status() {
    try {
      return fileSystem().getFileStatus(new Path(uri));
    } catch (FileNotFoundException e) {
      return null;
    } catch (IOException e) {
      String expired = KerberosCredentials.expired(name(), e);
      throw new DataError(expired != null ? expired : name() + ": cannot be reached (" + e + "): check the URI, credentials and network", e);
    }
  }

  private FileSystem fileSystem() {
    KerberosCredentials.require(uri);
    try {
      return FileSystem.get(uri, configuration());
    } catch (IOException | RuntimeException e) { // a connector class missing surfaces unchecked
      throw new DataError(name() + ": no file system for it (" + e.getMessage()
          + "): put the Hadoop connector for this scheme on the class path (e.g. hadoop-aws for s3a)", e);
    }
  }

  /**
   * Hadoop's settings as the Spark application has them: the {@code spark.hadoop.*} properties
   * (s3a credentials, HDFS addresses, ...), read from the live SparkEnv, so that the driver and
   * every executor open files the same way. Outside Spark, Hadoop's own defaults.
   */
  static Configuration configuration() {
    Configuration conf = new Configuration();
    SparkEnv env = SparkEnv.get();
    if (env != null) {
      for (Tuple2<String, String> kv : env.conf().getAllWithPrefix("spark.hadoop.")) conf.set(kv._1(), kv._2());
    }
    return conf;
  }

  @Override public String toString() { return name(); }
}
