package org.nndl.data;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

/** IDX files built by hand from the format's definition, independent of IdxWriter. */
final class IdxBytes {
  private IdxBytes() {}

  static byte[] images(int magic, int count, int rows, int cols, byte[] pixels) {
    return ByteBuffer.allocate(16 + pixels.length)
        .putInt(magic).putInt(count).putInt(rows).putInt(cols).put(pixels).array();
  }

  static byte[] images(int count, int rows, int cols, byte[] pixels) {
    return images(0x00000803, count, rows, cols, pixels);
  }

  static byte[] labels(int magic, int count, byte[] labels) {
    return ByteBuffer.allocate(8 + labels.length).putInt(magic).putInt(count).put(labels).array();
  }

  static byte[] labels(int count, byte[] labels) { return labels(0x00000801, count, labels); }

  static byte[] gzip(byte[] data) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
      gz.write(data);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  static Path write(Path file, byte[] data) {
    try {
      return Files.write(file, data);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Pixels 0,1,2,... (mod 256) and labels i%10: easy to predict, so tests need no reader to know them. */
  static Dataset counting(int count, int rows, int cols) {
    byte[] pixels = new byte[count * rows * cols];
    for (int i = 0; i < pixels.length; i++) pixels[i] = (byte) (i * 7 + 3);
    byte[] labels = new byte[count];
    for (int i = 0; i < count; i++) labels[i] = (byte) (i % 10);
    return new Dataset(rows, cols, pixels, labels);
  }

  /** Bytes this thread has allocated so far (HotSpot's exact per-thread counter). */
  static long allocatedBytes() {
    return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean()).getCurrentThreadAllocatedBytes();
  }
}
