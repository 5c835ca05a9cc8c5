package org.nndl.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.FilterInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A reader that fails while opening or skipping leaves no file open. */
class BlockReaderCloseTest {

  /** A file that counts its streams still open. */
  private static final class Counted implements Location {
    private final Location file;
    int open;

    Counted(Path path) { file = new LocalLocation(path); }

    @Override public String name() { return file.name(); }
    @Override public Location child(String fileName) { throw new UnsupportedOperationException(); }
    @Override public boolean isFile() { return file.isFile(); }
    @Override public boolean isDirectory() { return false; }

    @Override public Opened open() {
      Opened o = file.open();
      open++;
      return new Opened(new FilterInputStream(o.in()) {
        private boolean closed;

        @Override public void close() throws IOException {
          if (!closed) { closed = true; open--; }
          super.close();
        }
      }, o.size());
    }
  }

  @Test
  void aTruncatedGzipFoundWhileSkippingClosesBothFiles(@TempDir Path dir) {
    int count = 60;
    byte[] px = new byte[count * 16];
    new Random(5).nextBytes(px);  // incompressible: a third of the gzip holds about a third of the images
    byte[] gz = IdxBytes.gzip(IdxBytes.images(count, 4, 4, px));
    Counted images = new Counted(IdxBytes.write(dir.resolve("images.gz"), Arrays.copyOf(gz, gz.length / 3)));
    Counted labels = new Counted(IdxBytes.write(dir.resolve("labels.gz"), IdxBytes.gzip(IdxBytes.labels(count, new byte[count]))));
    IdxHeaders h = IdxHeaders.read(images, labels);
    assertEquals(0, images.open + labels.open, "headers read and closed");

    assertThrows(DataError.class, () -> BlockReader.stream(images, labels, h, 50, 10, 4));
    assertEquals(0, images.open, "images left open");
    assertEquals(0, labels.open, "labels left open");
  }
}
