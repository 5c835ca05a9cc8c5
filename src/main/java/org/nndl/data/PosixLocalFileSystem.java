package org.nndl.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Set;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.apache.hadoop.fs.permission.FsPermission;
import org.apache.hadoop.io.nativeio.NativeIO;

/**
 * Hadoop's local file system ({@code file:}) with the permissions of new files and folders set
 * through java.nio. Without Hadoop's native library, {@code RawLocalFileSystem} forks a
 * {@code chmod} for every file and folder it creates (a Parquet row file, its .crc, the commit's
 * folders: 34 processes in the notebook's run, about a second of CPU on two cores); the files
 * end up with the same modes either way.
 *
 * <p>Used only when the whole application is this JVM (a local master, see {@link #useForLocalMaster}):
 * an executor of a cluster may meet {@code file:} before it has loaded the application jar.
 */
public final class PosixLocalFileSystem extends LocalFileSystem {
  static final String PROPERTY = "spark.hadoop.fs.file.impl";

  public PosixLocalFileSystem() { super(new Raw()); }

  /**
   * Makes this the {@code file:} file system of the Spark application about to start in this JVM
   * when its master is local and the user has not chosen one.
   */
  public static void useForLocalMaster() {
    if (System.getProperty(PROPERTY) == null && isLocal(System.getProperty("spark.master", "local[*]"))) {
      System.setProperty(PROPERTY, PosixLocalFileSystem.class.getName());
    }
  }

  static boolean isLocal(String master) { return master.equals("local") || master.startsWith("local["); }

  /** Local files whose permissions are set by java.nio rather than a forked chmod. */
  static final class Raw extends RawLocalFileSystem {
    @Override
    public void setPermission(Path p, FsPermission permission) throws IOException {
      Set<PosixFilePermission> modes = posix(permission);
      if (modes == null || NativeIO.isAvailable()) {
        super.setPermission(p, permission);
        return;
      }
      try {
        Files.setPosixFilePermissions(pathToFile(p).toPath(), modes);
      } catch (UnsupportedOperationException notPosix) {
        super.setPermission(p, permission);
      }
    }
  }

  /** The nine rwx bits as java.nio's set; null when the mode has bits beyond them (sticky bit). */
  static Set<PosixFilePermission> posix(FsPermission permission) {
    int mode = permission.toShort();
    if ((mode & ~0777) != 0) return null;
    Set<PosixFilePermission> modes = EnumSet.noneOf(PosixFilePermission.class);
    PosixFilePermission[] order = PosixFilePermission.values();  // OWNER_READ (0400) ... OTHERS_EXECUTE (0001)
    for (int i = 0; i < order.length; i++) {
      if ((mode & (0400 >> i)) != 0) modes.add(order[i]);
    }
    return modes;
  }
}
