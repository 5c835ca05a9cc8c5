package org.nndl.checkpoint;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.Comparator;
import java.util.regex.Pattern;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.nndl.data.KerberosCredentials;
import org.nndl.error.UserError;

/**
 * A run's checkpoints in one folder of any Hadoop file system (local, HDFS, S3...):
 * {@code epoch-000005.ckpt}, each written under a hidden temporary name and renamed into place,
 * so a reader never sees half a checkpoint; the newest two are kept.
 */
public final class CheckpointStore {
  private static final Pattern NAME = Pattern.compile("epoch-(\\d{6})\\.ckpt");
  private static final int KEEP = 2;

  private final Path dir;
  private final Configuration conf;

  public CheckpointStore(String dirUri, Configuration conf) {
    this.dir = new Path(dirUri);
    this.conf = conf;
    KerberosCredentials.require(dir.toUri());
  }

  public String location() { return dir.toString(); }

  /** Writes atomically (temporary name, then rename) and removes all but the newest two. */
  public void write(Checkpoint c) {
    String name = String.format("epoch-%06d.ckpt", c.state().epochsDone());
    Path tmp = new Path(dir, "." + name + ".tmp");
    try {
      FileSystem fs = dir.getFileSystem(conf);
      fs.mkdirs(dir);
      try (OutputStream out = fs.create(tmp, true)) {
        out.write(c.encode());
      }
      Path target = new Path(dir, name);
      fs.delete(target, false);  // an older run's leftover of the same epoch; rename does not overwrite on HDFS
      if (!fs.rename(tmp, target)) throw new IOException("rename of " + tmp + " failed");
      FileStatus[] all = list(fs);
      for (int i = 0; i < all.length - KEEP; i++) fs.delete(all[i].getPath(), false);
    } catch (IOException e) {
      throw new IllegalStateException("cannot write checkpoint to " + dir + " (" + e.getMessage()
          + "): check --checkpoint-dir is writable", e);
    }
  }

  /** The newest checkpoint, or null when there is none; a damaged newest one is refused, not skipped. */
  public Checkpoint latest() {
    try {
      FileSystem fs = dir.getFileSystem(conf);
      if (!fs.exists(dir)) return null;
      FileStatus[] all = list(fs);
      if (all.length == 0) return null;
      Path newest = all[all.length - 1].getPath();
      if (all[all.length - 1].getLen() > Integer.MAX_VALUE - 8) {
        throw new UserError("checkpoint " + newest + " is too large to be one of ours");
      }
      return Checkpoint.decode(read(fs, newest), newest.toString());
    } catch (IOException e) {
      throw new UserError("cannot read checkpoints in " + dir + " (" + e.getMessage() + ")");
    }
  }

  /** The checkpoint files, oldest first. */
  private FileStatus[] list(FileSystem fs) throws IOException {
    FileStatus[] all = fs.listStatus(dir, p -> NAME.matcher(p.getName()).matches());
    Arrays.sort(all, Comparator.comparing(s -> s.getPath().getName()));
    return all;
  }

  private static byte[] read(FileSystem fs, Path p) throws IOException {
    try (InputStream in = fs.open(p); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
      in.transferTo(out);
      return out.toByteArray();
    }
  }
}
