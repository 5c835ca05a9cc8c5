package org.nndl.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdxRoundTripTest {
  @TempDir Path dir;

  private final Dataset data = IdxBytes.counting(5, 3, 4);

  @Test
  void writerProducesTheIdxLayout() throws IOException {
    ByteArrayOutputStream images = new ByteArrayOutputStream();
    IdxWriter.writeImages(data, images);
    assertArrayEquals(IdxBytes.images(5, 3, 4, data.pixels()), images.toByteArray());
    ByteArrayOutputStream labels = new ByteArrayOutputStream();
    IdxWriter.writeLabels(data, labels);
    assertArrayEquals(new byte[] {0, 0, 8, 1, 0, 0, 0, 5, 0, 1, 2, 3, 4}, labels.toByteArray());
  }

  @Test
  void readerReadsHandBuiltFiles() {
    byte[] pixels = {1, 2, 3, 4, 5, 6, (byte) 255, 0, 9, 10, 11, 12};
    byte[] file = IdxBytes.images(2, 2, 3, pixels);
    IdxReader.Images images = IdxReader.readImages(new ByteArrayInputStream(file), file.length, "hand-built");
    assertEquals(2, images.count());
    assertEquals(2, images.rows());
    assertEquals(3, images.cols());
    assertArrayEquals(pixels, images.pixels());
    byte[] gz = IdxBytes.gzip(IdxBytes.labels(3, new byte[] {7, 0, 9}));
    assertArrayEquals(new byte[] {7, 0, 9}, IdxReader.readLabels(new ByteArrayInputStream(gz), gz.length, "gz"));
  }

  @Test
  void rawRoundTrip() throws IOException {
    Path images = dir.resolve("images");
    Path labels = dir.resolve("labels");
    IdxWriter.write(data, images, labels);
    assertEquals(16 + 60, Files.size(images));
    assertEquals(8 + 5, Files.size(labels));
    assertSameData(IdxReader.readDataset(images.toString(), labels.toString()));
  }

  @Test
  void gzipRoundTripIsDetectedByContentNotName() throws IOException {
    Path images = dir.resolve("images.gz");
    Path labels = dir.resolve("labels.gz");
    IdxWriter.write(data, images, labels);
    try (GZIPInputStream in = new GZIPInputStream(Files.newInputStream(images))) {
      assertArrayEquals(IdxBytes.images(5, 3, 4, data.pixels()), in.readAllBytes());
    }
    Path renamed = Files.move(images, dir.resolve("images-no-suffix"));
    assertSameData(IdxReader.readDataset(renamed.toString(), labels.toString()));
  }

  private void assertSameData(Dataset read) {
    assertEquals(3, read.rows());
    assertEquals(4, read.cols());
    assertArrayEquals(data.pixels(), read.pixels());
    assertArrayEquals(data.labels(), read.labels());
  }
}
