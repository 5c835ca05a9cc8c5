package org.nndl.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.permission.FsPermission;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The local file system without forked chmods gives files and folders the modes Hadoop's own gives them. */
class PosixLocalFileSystemTest {
  @TempDir Path dir;

  @Test
  void everyRwxModeMapsToTheSameLettersAsHadoopWritesThem() {
    for (short mode = 0; mode <= 0777; mode++) {
      FsPermission p = new FsPermission(mode);
      assertEquals(PosixFilePermissions.fromString(p.toString()), PosixLocalFileSystem.posix(p), p.toString());
    }
    assertNull(PosixLocalFileSystem.posix(new FsPermission((short) 01777)), "sticky bit: left to Hadoop");
  }

  @Test
  void filesAndFoldersGetTheModesOfHadoopsForkedChmod() throws Exception {
    for (String umask : List.of("022", "077", "002")) {
      Configuration ours = conf(umask, PosixLocalFileSystem.class), hadoops = conf(umask, LocalFileSystem.class);
      FileSystem fs = FileSystem.newInstance(dir.toUri(), ours);
      assertInstanceOf(PosixLocalFileSystem.class, fs);
      assertEquals(modes(FileSystem.newInstance(dir.toUri(), hadoops), "hadoop" + umask), modes(fs, "ours" + umask), "umask " + umask);
    }
  }

  /** The modes of what a Parquet write creates: folders with and without a mode, files, their .crc, a chmod. */
  private List<String> modes(FileSystem fs, String name) throws Exception {
    org.apache.hadoop.fs.Path base = new org.apache.hadoop.fs.Path(dir.resolve(name).toUri());
    org.apache.hadoop.fs.Path folder = new org.apache.hadoop.fs.Path(base, "a/b"), odd = new org.apache.hadoop.fs.Path(base, "c");
    org.apache.hadoop.fs.Path file = new org.apache.hadoop.fs.Path(folder, "part-0"), file2 = new org.apache.hadoop.fs.Path(base, "part-1");
    fs.mkdirs(folder);
    fs.mkdirs(odd, new FsPermission((short) 0751));
    try (FSDataOutputStream out = fs.create(file)) { out.write(1); }
    try (FSDataOutputStream out = fs.create(file2, new FsPermission((short) 0604), true, 4096, (short) 1, 1 << 20, null)) {
      out.write(2);
    }
    fs.setPermission(file2, new FsPermission((short) 0640));
    Path root = dir.resolve(name);
    return List.of(mode(root.resolve("a")), mode(root.resolve("a/b")), mode(root.resolve("c")),
        mode(root.resolve("a/b/part-0")), mode(root.resolve("a/b/.part-0.crc")), mode(root.resolve("part-1")));
  }

  private static String mode(Path p) throws Exception {
    return p.getFileName() + " " + PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
  }

  private static Configuration conf(String umask, Class<?> impl) {
    Configuration conf = new Configuration(false);
    conf.set("fs.permissions.umask-mode", umask);
    conf.set("fs.file.impl", impl.getName());
    return conf;
  }

  @Test
  void onlyALocalMasterWithoutAChoiceOfItsOwnGetsIt() {
    String master = System.getProperty("spark.master"), chosen = System.getProperty(PosixLocalFileSystem.PROPERTY);
    try {
      for (String[] row : new String[][] {
          {null, null, PosixLocalFileSystem.class.getName()},  // submit's default master is local[*]
          {"local", null, PosixLocalFileSystem.class.getName()},
          {"local[*]", null, PosixLocalFileSystem.class.getName()},
          {"local[2,3]", null, PosixLocalFileSystem.class.getName()},
          {"local[*]", "my.Fs", "my.Fs"},
          {"yarn", null, null},
          {"spark://host:7077", null, null},
          {"local-cluster[2,1,1024]", null, null},
      }) {
        set("spark.master", row[0]);
        set(PosixLocalFileSystem.PROPERTY, row[1]);
        PosixLocalFileSystem.useForLocalMaster();
        assertEquals(row[2], System.getProperty(PosixLocalFileSystem.PROPERTY), "master " + row[0]);
      }
    } finally {
      set("spark.master", master);
      set(PosixLocalFileSystem.PROPERTY, chosen);
    }
  }

  private static void set(String key, String value) {
    if (value == null) System.clearProperty(key);
    else System.setProperty(key, value);
  }
}
