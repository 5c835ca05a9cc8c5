package org.nndl.metrics;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A query looks for table data while another run writes a row: Spark's writer makes and deletes
 * a {@code _temporary} folder inside that run's partition, which must never fail the query.
 */
class TablePathsRaceTest {
  private static final org.apache.hadoop.fs.FileSystem LOCAL = local();

  private static org.apache.hadoop.fs.FileSystem local() {
    try {
      return org.apache.hadoop.fs.FileSystem.getLocal(new org.apache.hadoop.conf.Configuration());
    } catch (java.io.IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @TempDir Path dir;

  @Test
  void aWritersTemporaryFolderComingAndGoingNeverFailsTheLookForData() throws Exception {
    // No finished row yet (the first epoch of the first runs), so the lookup visits everything.
    Path table = dir.resolve("metrics");
    Path writing = Files.createDirectories(table.resolve("run_id=b"));
    AtomicBoolean stop = new AtomicBoolean();
    Thread writer = new Thread(() -> {
      Path temporary = writing.resolve("_temporary");
      try {
        while (!stop.get()) {
          Files.createDirectory(temporary);
          Files.delete(temporary);
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    });
    writer.start();
    try {
      // About two seconds: the old lookup failed a few times per second here.
      for (long end = System.nanoTime() + 2_000_000_000L; System.nanoTime() < end; ) {
        assertFalse(TablePaths.hasData(LOCAL, new org.apache.hadoop.fs.Path(table.toUri())));
      }
    } finally {
      stop.set(true);
      writer.join();
    }
  }

  @Test
  void onlyAWritersTemporaryFilesAreNoData() throws Exception {
    Path table = dir.resolve("metrics");
    Files.createDirectories(table.resolve("run_id=b/_temporary/0"));
    Files.writeString(table.resolve("run_id=b/_temporary/0/part-1.parquet"), "");
    Files.writeString(table.resolve("run_id=b/.part-2.parquet"), "");
    assertFalse(TablePaths.hasData(LOCAL, new org.apache.hadoop.fs.Path(table.toUri())));
    Files.writeString(table.resolve("run_id=b/part-3.parquet"), "");
    assertTrue(TablePaths.hasData(LOCAL, new org.apache.hadoop.fs.Path(table.toUri())));
  }
}
