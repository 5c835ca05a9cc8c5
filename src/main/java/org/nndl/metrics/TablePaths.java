package org.nndl.metrics;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

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

  /** Whether a table root holds at least one Parquet data file in a run partition. */
  static boolean hasData(Path table) { return hasData(table, "run_id"); }

  /** Whether a table root holds at least one Parquet data file in a {@code key=...} partition. */
  static boolean hasData(Path table, String partitionKey) {
    if (!Files.isDirectory(table)) return false;
    try (Stream<Path> files = Files.find(table, 2, (p, attrs) -> attrs.isRegularFile()
        && p.getFileName().toString().endsWith(".parquet")
        && p.getParent().getFileName().toString().startsWith(partitionKey + "="))) {
      return files.findAny().isPresent();
    } catch (IOException e) {
      throw new MetricsError("cannot list " + table + ": " + e
          + "; check the permissions of the warehouse directory", e);
    }
  }
}
