package org.nndl.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** DataSource.load on a folder of MNIST-named files, local or through Hadoop's file:// scheme. */
class MnistFolderTest {
  @TempDir Path dir;
  @TempDir Path cache;

  private final Dataset train = IdxBytes.counting(12, 4, 3);
  private final Dataset test = IdxBytes.counting(5, 4, 3);

  private void writeFolder(String suffix) {
    IdxWriter.write(train, dir.resolve("train-images-idx3-ubyte" + suffix), dir.resolve("train-labels-idx1-ubyte" + suffix));
    IdxWriter.write(test, dir.resolve("t10k-images-idx3-ubyte" + suffix), dir.resolve("t10k-labels-idx1-ubyte" + suffix));
  }

  private String message(String spec) {
    return assertThrows(DataError.class, () -> DataSource.load(spec, cache, 0, 0)).getMessage();
  }

  @Test
  void loadsRawFolder() {
    writeFolder("");
    TrainTest data = DataSource.load(dir.toString(), cache, 0, 0);
    assertArrayEquals(train.pixels(), data.train().pixels());
    assertArrayEquals(train.labels(), data.train().labels());
    assertArrayEquals(test.pixels(), data.test().pixels());
    assertEquals(4, data.test().rows());
    assertEquals(3, data.test().cols());
  }

  @Test
  void loadsGzipFolderAndAppliesLimits() {
    writeFolder(".gz");
    TrainTest data = DataSource.load(dir.toString(), cache, 7, 2);
    assertEquals(7, data.train().size());
    assertEquals(2, data.test().size());
    assertArrayEquals(Arrays.copyOf(train.pixels(), 7 * 12), data.train().pixels());
    assertArrayEquals(new byte[] {0, 1}, data.test().labels());
    assertEquals(12, DataSource.load(dir.toString(), cache, 0, 100).train().size());
    assertEquals(5, DataSource.load(dir.toString(), cache, -1, 100).test().size());
  }

  @Test
  void readsThroughHadoopFileUri() {
    writeFolder(".gz");
    String uri = dir.toUri().toString();
    assertTrue(uri.startsWith("file:/"), uri);
    TrainTest data = DataSource.load(uri, cache, 0, 0);
    assertArrayEquals(train.pixels(), data.train().pixels());
    assertArrayEquals(test.labels(), data.test().labels());
    IdxReader.Images images = IdxReader.readImages(uri + "/t10k-images-idx3-ubyte.gz");
    assertEquals(5, images.count());
    assertArrayEquals(test.pixels(), images.pixels());
  }

  @Test
  void hadoopUriErrorsNameTheUri() {
    String missing = dir.toUri() + "nope.gz";
    assertEquals(missing + ": no such file: check the URI",
        assertThrows(DataError.class, () -> IdxReader.readLabels(missing)).getMessage());
    String folder = dir.toUri().toString();
    assertTrue(assertThrows(DataError.class, () -> IdxReader.readLabels(folder)).getMessage()
        .endsWith(": is a directory, expected an IDX file: name the file itself"));
  }

  @Test
  void schemeWithoutHadoopConnector() {
    assertTrue(message("nosuchfs://host/mnist").startsWith("nosuchfs://host/mnist: no file system for it ("));
    assertTrue(message("s3a://bucket/mnist").endsWith(
        "put the Hadoop connector for this scheme on the class path (e.g. hadoop-aws for s3a)"));
  }

  @Test
  void imageAndLabelCountsDiffer() throws Exception {
    writeFolder("");
    Files.write(dir.resolve("t10k-labels-idx1-ubyte"), IdxBytes.labels(4, new byte[] {0, 1, 2, 3}));
    assertEquals("images file " + dir.resolve("t10k-images-idx3-ubyte") + " holds 5 images but labels file "
        + dir.resolve("t10k-labels-idx1-ubyte") + " holds 4 labels: use the labels file that belongs to these images",
        message(dir.toString()));
  }

  @Test
  void trainAndTestShapesDiffer() throws Exception {
    writeFolder("");
    Files.write(dir.resolve("t10k-images-idx3-ubyte"), IdxBytes.images(5, 3, 4, new byte[60]));
    assertEquals(dir + ": training images are 4x3 but test images are 3x4: use sets of the same image size",
        message(dir.toString()));
  }

  @Test
  void labelOutsideZeroToNine() throws Exception {
    writeFolder("");
    Files.write(dir.resolve("train-labels-idx1-ubyte"), IdxBytes.labels(12, new byte[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 0}));
    assertEquals(dir.resolve("train-labels-idx1-ubyte") + ": label 10 is 10, not a digit 0..9: use MNIST-style labels",
        message(dir.toString()));
  }

  @Test
  void missingFileInFolder() throws Exception {
    writeFolder(".gz");
    Files.delete(dir.resolve("t10k-images-idx3-ubyte.gz"));
    assertEquals(dir + ": has neither t10k-images-idx3-ubyte nor t10k-images-idx3-ubyte.gz: put the four MNIST"
        + " files there (raw or .gz), or use \"sample\" or \"mnist\"", message(dir.toString()));
  }

  @Test
  void folderThatIsNotThere() {
    String nowhere = dir.resolve("nowhere").toString();
    assertTrue(message(nowhere).startsWith(nowhere + ": does not exist, expected a folder holding the four MNIST files"));
  }

  @Test
  void fileGivenAsFolder() throws Exception {
    String file = Files.write(dir.resolve("a-file"), new byte[] {1}).toString();
    assertTrue(message(file).startsWith(file + ": is a file, expected a folder"));
  }

  @Test
  void emptyImagesFileInFolder() throws Exception {
    writeFolder("");
    Files.write(dir.resolve("train-images-idx3-ubyte"), new byte[0]);
    assertEquals(dir.resolve("train-images-idx3-ubyte") + ": file is empty: download or write it again",
        message(dir.toString()));
  }

  @Test
  void blankSpec() {
    assertTrue(message(" ").startsWith("no data given"));
  }
}
