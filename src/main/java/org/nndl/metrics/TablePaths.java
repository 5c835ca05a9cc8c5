package org.nndl.metrics;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;

/** Turns warehouse paths into what Spark reads and writes. */
final class TablePaths {
  private TablePaths() {}

  /**
   * An explicit {@code file://} path: the warehouse is local even when the cluster's default
   * file system is not. Built as text, not via {@link Path#toUri()}, because Hadoop would
   * escape the URI's percent-escapes a second time (paths with spaces).
   */
  static String uri(Path path) {
    return "file://" + path.toAbsolutePath().normalize();
  }

  /**
   * Whether a table root holds at least one Parquet data file in a run partition, counting the
   * files Spark reads: not hidden ones, nor the {@code _temporary} folder a run makes and deletes
   * while it writes a row. That folder is never looked into, so its coming and going while
   * another run trains cannot fail the lookup.
   */
  static boolean hasData(Path table) { return hasData(table, "run_id"); }

  /** As {@link #hasData(Path)} for a table partitioned by {@code partitionKey=...}. */
  static boolean hasData(Path table, String partitionKey) {
    if (!Files.isDirectory(table)) return false;
    try (DirectoryStream<Path> runs = Files.newDirectoryStream(table, partitionKey + "=*")) {
      for (Path run : runs) {
        if (hasDataFile(run)) return true;
      }
      return false;
    } catch (IOException e) {
      throw new MetricsError("cannot list " + table + ": " + e
          + "; check the permissions of the warehouse directory", e);
    }
  }

  private static boolean hasDataFile(Path run) throws IOException {
    try (DirectoryStream<Path> files = Files.newDirectoryStream(run, "[!_.]*.parquet")) {
      for (Path f : files) {
        if (Files.isRegularFile(f)) return true;
      }
      return false;
    } catch (NotDirectoryException | NoSuchFileException e) {
      return false;  // a stray file named run_id=..., or a failed run removed meanwhile
    }
  }
}
