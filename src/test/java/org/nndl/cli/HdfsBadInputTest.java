package org.nndl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nndl.cluster.TestDfs;
import org.nndl.data.DataSource;
import org.nndl.data.Dataset;
import org.nndl.data.IdxWriter;

/**
 * Data on HDFS that is missing or cut short is refused exactly as the same data in a local folder:
 * the same one line (the location aside), exit 2, no stack trace, whether the driver finds it (a
 * missing file, a raw file shorter than its header says) or an executor does (a gzip file cut
 * short, which only reading it shows).
 */
class HdfsBadInputTest {
  @TempDir Path dir;

  @Test
  void missingFile() throws Exception {
    sameRefusal("missing", d -> delete(d.resolve("t10k-labels-idx1-ubyte")), false);
  }

  @Test
  void rawFileCutShortFoundByTheDriver() throws Exception {
    sameRefusal("raw", d -> cut(d.resolve("t10k-images-idx3-ubyte"), 7), false);
  }

  @Test
  void gzipFileCutShortFoundByAnExecutor() throws Exception {
    sameRefusal("gzip", d -> cut(d.resolve("train-images-idx3-ubyte.gz"), -3), true);
  }

  @Test
  void missingFolder() throws Exception {
    String local = dir.resolve("nowhere").toString();
    String hdfs = TestDfs.uri("/nowhere");
    assertEquals(refusal(local, local), refusal(hdfs, local));
  }

  /**
   * Writes the four files (gzipped or raw) to a local folder, damages them, copies them to HDFS and
   * trains on both: the HDFS error line, its URI replaced by the local path, is the local one.
   */
  private void sameRefusal(String name, Consumer<Path> damage, boolean gzip) throws Exception {
    Path local = dir.resolve(name);
    Files.createDirectories(local);
    Dataset train = DataSource.load("sample", dir, 300, 100).train();
    Dataset test = DataSource.load("sample", dir, 300, 100).test();
    String gz = gzip ? ".gz" : "";
    IdxWriter.write(train, local.resolve("train-images-idx3-ubyte" + gz), local.resolve("train-labels-idx1-ubyte" + gz));
    IdxWriter.write(test, local.resolve("t10k-images-idx3-ubyte" + gz), local.resolve("t10k-labels-idx1-ubyte" + gz));
    damage.accept(local);
    TestDfs.put(local, "/bad/" + name);
    String hdfs = TestDfs.uri("/bad/" + name);
    String expected = refusal(local.toString(), local.toString());
    assertEquals(expected, refusal(hdfs, local.toString()));
  }

  /** The one error line of a refused train on data, with data written as localName; the run leaves nothing. */
  private String refusal(String data, String localName) throws Exception {
    Path wh = Files.createTempDirectory(dir, "wh");
    CliTest.Outcome o = CliTest.run("train", "--data", data, "--epochs", "1", "--warehouse", wh.toString());
    CliTest.assertCleanRefusal(o, "");
    assertEquals(true, CliTest.isEmptyOrAbsent(wh.resolve("runs")), "a run folder left behind");
    return o.err().lines().filter(l -> l.startsWith("error: ")).findFirst().orElseThrow().replace(data, localName);
  }

  private static void delete(Path file) {
    try {
      Files.delete(file);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** Drops the last n bytes (n > 0) or keeps the first third (n < 0). */
  private static void cut(Path file, int n) {
    try {
      byte[] b = Files.readAllBytes(file);
      Files.write(file, Arrays.copyOf(b, n > 0 ? b.length - n : b.length / -n));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
