package org.nndl.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

class IdxReaderErrorsTest {
  /** Far below any claim tested here, far above what reading a tiny file needs. */
  private static final long SMALL_ALLOCATION = 16L << 20;

  @TempDir Path dir;

  private String images(byte[] content) { return IdxBytes.write(dir.resolve("images"), content).toString(); }

  private String labels(byte[] content) { return IdxBytes.write(dir.resolve("labels"), content).toString(); }

  private static String message(Executable read) { return assertThrows(DataError.class, read).getMessage(); }

  /** The message and the bytes the failing read allocated. */
  private static String failsWithin(long maxAllocation, Executable read) {
    long before = IdxBytes.allocatedBytes();
    String message = message(read);
    long allocated = IdxBytes.allocatedBytes() - before;
    assertTrue(allocated < maxAllocation, "allocated " + allocated + " bytes for: " + message);
    return message;
  }

  @Test
  void labelsFileGivenAsImages() {
    String file = images(IdxBytes.labels(2, new byte[] {1, 2}));
    assertEquals(file + ": wrong magic number: expected 2051 (IDX images), found 2049 (IDX labels):"
        + " pass the images file here", message(() -> IdxReader.readImages(file)));
  }

  @Test
  void foreignFileGivenAsLabels() {
    String file = labels("PK\u0003\u0004 a zip file".getBytes());
    String msg = message(() -> IdxReader.readLabels(file));
    assertTrue(msg.startsWith(file + ": wrong magic number: expected 2049 (IDX labels), found 1347093252 (0x504b0304"), msg);
  }

  @Test
  void truncatedRawImages() {
    String file = images(IdxBytes.images(3, 2, 2, new byte[11]));
    assertEquals(file + ": truncated: the header promises 3 images of 2x2 = 28 bytes, but the file has 27:"
        + " download or write it again", message(() -> IdxReader.readImages(file)));
  }

  @Test
  void trailingGarbageInRawLabels() {
    String file = labels(IdxBytes.labels(2, new byte[] {1, 2, 3, 4}));
    assertEquals(file + ": 2 bytes of trailing garbage after the 10 bytes the header promises (2 labels):"
        + " the file is corrupt or not an IDX file", message(() -> IdxReader.readLabels(file)));
  }

  @Test
  void truncatedHeader() {
    String file = images(Arrays.copyOf(IdxBytes.images(1, 1, 1, new byte[1]), 10));
    assertEquals(file + ": ends inside the IDX header, after 10 bytes, while reading the row count:"
        + " the file is truncated or not an IDX file", message(() -> IdxReader.readImages(file)));
  }

  @Test
  void hugeClaimInRawFileFailsBeforeAllocating() {
    String file = images(IdxBytes.images(Integer.MAX_VALUE, 28, 28, new byte[784]));
    String msg = failsWithin(SMALL_ALLOCATION, () -> IdxReader.readImages(file));
    assertEquals(file + ": truncated: the header promises 2147483647 images of 28x28 = 1683627179264 bytes,"
        + " but the file has 800: download or write it again", msg);
  }

  @Test
  void hugeLabelClaimInRawFileFailsBeforeAllocating() {
    String file = labels(IdxBytes.labels(Integer.MAX_VALUE - 9, new byte[3]));
    String msg = failsWithin(SMALL_ALLOCATION, () -> IdxReader.readLabels(file));
    assertEquals(file + ": truncated: the header promises 2147483638 labels = 2147483646 bytes,"
        + " but the file has 11: download or write it again", msg);
  }

  @Test
  void hugeClaimInGzipFileFailsBeforeAllocating() {
    String file = images(IdxBytes.gzip(IdxBytes.images(Integer.MAX_VALUE, 28, 28, new byte[784])));
    String msg = failsWithin(SMALL_ALLOCATION, () -> IdxReader.readImages(file));
    assertEquals(file + ": the header promises 2147483647 images of 28x28 = 1683627179248 bytes,"
        + " more than one Java array holds (2147483639): use a smaller file", msg);
  }

  /** A claim an array could hold (2 GiB) on a tiny gzip: reading must stop where the data stops. */
  @Test
  void largeClaimInGzipFileReadsOnlyWhatIsThere() {
    String file = labels(IdxBytes.gzip(IdxBytes.labels(Integer.MAX_VALUE - 9, new byte[1000])));
    String msg = failsWithin(SMALL_ALLOCATION, () -> IdxReader.readLabels(file));
    assertEquals(file + ": truncated: the header promises 2147483638 labels = 2147483646 bytes of data,"
        + " but the data ends after 1008 bytes: download or write it again", msg);
  }

  /** 200 MB of zeros compress to about 200 KB; a header claiming 10 labels must not read them all. */
  @Test
  void gzipBombStopsAtTheClaim() {
    byte[] bomb = IdxBytes.gzip(IdxBytes.labels(10, new byte[200_000_000]));
    String file = labels(bomb);
    String msg = failsWithin(SMALL_ALLOCATION, () -> IdxReader.readLabels(file));
    assertEquals(file + ": the data goes on past the 18 bytes the header promises (10 labels):"
        + " the file is corrupt or not an IDX file", msg);
  }

  @Test
  void countWithSignBitSet() {
    String file = labels(IdxBytes.labels(-1, new byte[3]));
    assertEquals(file + ": the header claims 4294967295 items, more than 2^31-1: the file is corrupt"
        + " or not an IDX file", message(() -> IdxReader.readLabels(file)));
  }

  @Test
  void zeroSizedImages() {
    String file = images(IdxBytes.images(5, 0, 28, new byte[0]));
    assertEquals(file + ": the header says images are 0x28, but rows and columns must be positive:"
        + " the file is corrupt or not an IDX images file", message(() -> IdxReader.readImages(file)));
  }

  @Test
  void rowsTimesColsOverflowingAnIntIsCaught() {
    String file = images(IdxBytes.gzip(IdxBytes.images(1, 65536, 65536, new byte[16])));
    String msg = failsWithin(SMALL_ALLOCATION, () -> IdxReader.readImages(file));
    assertTrue(msg.contains("1 images of 65536x65536 = 4294967296 bytes, more than one Java array holds"), msg);
  }

  @Test
  void truncatedGzipStream() {
    byte[] gz = IdxBytes.gzip(IdxBytes.images(100, 28, 28, new byte[78400]));
    String file = images(Arrays.copyOf(gz, gz.length - 20));
    String msg = message(() -> IdxReader.readImages(file));
    assertTrue(msg.startsWith(file + ": the gzip data is cut short ("), msg);
    assertTrue(msg.endsWith("): download or write it again"), msg);
  }

  @Test
  void corruptGzipStream() {
    byte[] gz = IdxBytes.gzip(IdxBytes.labels(3, new byte[] {1, 2, 3}));
    gz[2] = 7; // compression method: only 8 (deflate) exists
    String file = labels(gz);
    assertTrue(message(() -> IdxReader.readLabels(file)).startsWith(file + ": not valid gzip data ("));
  }

  @Test
  void emptyFile() {
    String file = images(new byte[0]);
    assertEquals(file + ": file is empty: download or write it again", message(() -> IdxReader.readImages(file)));
  }

  @Test
  void emptyStreamOfUnknownSize() {
    assertEquals("stream: file is empty: download or write it again",
        message(() -> IdxReader.readLabels(new ByteArrayInputStream(new byte[0]), -1, "stream")));
  }

  @Test
  void directoryInsteadOfFile() throws Exception {
    Path sub = Files.createDirectory(dir.resolve("sub"));
    assertEquals(sub + ": is a directory, expected an IDX file: name the file itself",
        message(() -> IdxReader.readImages(sub.toString())));
  }

  @Test
  void missingFile() {
    String file = dir.resolve("nope").toString();
    assertEquals(file + ": no such file: check the path", message(() -> IdxReader.readLabels(file)));
  }

  @Test
  void imageAndLabelCountsMustMatch() {
    String imagesFile = images(IdxBytes.images(3, 1, 2, new byte[6]));
    String labelsFile = labels(IdxBytes.labels(2, new byte[2]));
    assertEquals("images file " + imagesFile + " holds 3 images but labels file " + labelsFile
        + " holds 2 labels: use the labels file that belongs to these images",
        message(() -> IdxReader.readDataset(imagesFile, labelsFile)));
  }

  @Test
  void messagesAreOneLine() {
    String file = images(new byte[0]);
    assertTrue(!message(() -> IdxReader.readImages(file)).contains("\n"));
  }
}
