package org.nndl.metrics;

import java.io.IOException;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.permission.FsPermission;
import org.apache.hadoop.security.AccessControlException;

/**
 * The folders of a warehouse that every user adds to: {@code runs/}, {@code tables/} and each
 * table's folder. Made with mode 1777, like {@code /tmp}: anyone who can reach the warehouse may
 * add a run or a partition, and only its owner may delete or rename it (the sticky bit). Each
 * run's own folders keep their owner's mode (755: others read only).
 */
final class SharedFolder {
  static final FsPermission MODE = new FsPermission((short) 01777);

  private SharedFolder() {}

  /** Creates {@code dir} with {@link #MODE} unless it exists (the folders above it: the umask's modes). */
  static void ensure(FileSystem fs, Path dir) throws IOException {
    if (fs.exists(dir)) return;
    fs.mkdirs(dir);
    try {
      fs.setPermission(dir, MODE);
    } catch (AccessControlException madeByAnotherMeanwhile) {
      // its creator sets the mode
    }
  }
}
