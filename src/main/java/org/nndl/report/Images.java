package org.nndl.report;

import java.awt.image.BufferedImage;
import java.awt.image.WritableRaster;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Base64;
import javax.imageio.ImageIO;

/** Pictures as data: URIs, so that the report is one file that needs no network and no folder. */
final class Images {
  static {
    // ImageIO needs no display; without this a server with no X11 may try to open one.
    if (System.getProperty("java.awt.headless") == null) System.setProperty("java.awt.headless", "true");
  }

  private Images() {}

  /** A digit as a grey PNG, each pixel a scale x scale square, ink dark on white. */
  static byte[] digitPng(byte[] pixels, int rows, int cols, int scale) {
    if (pixels.length != rows * cols) {
      throw new IllegalArgumentException("a " + rows + "x" + cols + " image needs " + rows * cols + " pixels, got " + pixels.length);
    }
    BufferedImage img = new BufferedImage(cols * scale, rows * scale, BufferedImage.TYPE_BYTE_GRAY);
    WritableRaster r = img.getRaster();
    int[] square = new int[scale * scale];
    for (int y = 0; y < rows; y++) {
      for (int x = 0; x < cols; x++) {
        Arrays.fill(square, 255 - (pixels[y * cols + x] & 0xff));
        r.setPixels(x * scale, y * scale, scale, scale, square);
      }
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      if (!ImageIO.write(img, "png", out)) throw new IllegalStateException("no PNG writer in this JVM");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  static String dataUri(byte[] png) {
    return "data:image/png;base64," + Base64.getEncoder().encodeToString(png);
  }

  static String fileDataUri(Path png) throws IOException {
    return dataUri(Files.readAllBytes(png));
  }
}
