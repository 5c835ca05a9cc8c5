package org.nndl.metrics;

import java.io.FileNotFoundException;
import java.io.IOException;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/** What Spark reads of a warehouse's tables. */
final class TablePaths {
  private TablePaths() {}

  /**
   * Whether a table root holds at least one Parquet data file in a run partition, counting the
   * files Spark reads: not hidden ones, nor the {@code _temporary} folder Spark's writer makes and
   * deletes while it appends a row. That folder is never looked into, so its coming and going
   * while another run trains cannot fail the lookup.
   */
  static boolean hasData(FileSystem fs, Path table) { return hasData(fs, table, "run_id"); }

  /** As {@link #hasData(FileSystem, Path)} for a table partitioned by {@code partitionKey=...}. */
  static boolean hasData(FileSystem fs, Path table, String partitionKey) {
    try {
      FileStatus[] runs = fs.globStatus(new Path(table, partitionKey + "=*"));
      if (runs == null) return false;
      for (FileStatus run : runs) {
        if (run.isDirectory() && hasDataFile(fs, run.getPath())) return true;
      }
      return false;
    } catch (IOException e) {
      throw new MetricsError("cannot list " + table + ": " + e
          + "; check the permissions of the warehouse directory", e);
    }
  }

  private static boolean hasDataFile(FileSystem fs, Path run) throws IOException {
    try {
      for (FileStatus f : fs.listStatus(run)) {
        String name = f.getPath().getName();
        if (f.isFile() && name.endsWith(".parquet") && !name.startsWith("_") && !name.startsWith(".")) return true;
      }
      return false;
    } catch (FileNotFoundException e) {
      return false;  // a failed run removed meanwhile
    }
  }
}
