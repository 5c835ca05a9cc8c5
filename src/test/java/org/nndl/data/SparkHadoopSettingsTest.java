package org.nndl.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.URI;
import java.nio.file.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.apache.spark.SparkEnv;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nndl.SparkTestSession;

/** spark.hadoop.* settings reach the file systems the data is read through (e.g. s3a credentials). */
class SparkHadoopSettingsTest {
  /** The local file system under another scheme: usable only if its spark.hadoop.* setting is applied. */
  public static final class TestScheme extends RawLocalFileSystem {
    @Override public URI getUri() { return URI.create("nndltest:///"); }
    @Override public String getScheme() { return "nndltest"; }
  }

  @TempDir Path dir;

  @Test
  void aSchemeRegisteredThroughSparkConfIsReadable() throws Exception {
    Dataset d = new Dataset(2, 2, new byte[] {1, 2, 3, 4, 5, 6, 7, 8}, new byte[] {3, 4});
    IdxWriter.write(d, dir.resolve("i"), dir.resolve("l"));
    String images = "nndltest://" + dir.resolve("i"), labels = "nndltest://" + dir.resolve("l");
    SparkTestSession.get();
    String key = "spark.hadoop.fs.nndltest.impl";
    SparkEnv.get().conf().remove(key);
    assertThrows(DataError.class, () -> IdxReader.readDataset(images, labels));  // no file system for it
    SparkEnv.get().conf().set(key, TestScheme.class.getName());
    try {
      Dataset back = IdxReader.readDataset(images, labels);
      assertArrayEquals(d.pixels(), back.pixels());
      assertArrayEquals(d.labels(), back.labels());
    } finally {
      SparkEnv.get().conf().remove(key);
    }
  }
}
