package org.nndl.predict;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Iterator;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import org.nndl.data.DataError;

/**
 * A PNG picture of a digit made to look like an MNIST digit: gray ({@link Grayscale}), light ink
 * on black (inverted when its border is mostly light, i.e. dark ink on paper), and fitted into the
 * model's square ({@link BoxScale}). MNIST's further steps (the digit boxed to 20x20 and centred
 * by its centre of mass) are not done: crop pictures to the digit with a small margin.
 */
public final class PngDigit {
  /** Larger pictures are refused before they are decoded: a huge bitmap behind a small file is an attack, not a digit (20 megapixels: a phone photo still fits). */
  static final long MAX_PIXELS = 20_000_000L;

  private PngDigit() {}

  /** The picture as {@code side*side} pixels in [0,1], 1 = ink. */
  public static InputImage read(Path file, int side) {
    double[][] gray = Grayscale.of(decode(file));
    if (borderMean(gray) > 0.5) invert(gray);
    return new InputImage(file.toString(), BoxScale.fit(gray, side));
  }

  /** Mean brightness of the outermost ring of pixels: the paper, whichever colour it is. */
  static double borderMean(double[][] v) {
    int h = v.length, w = v[0].length;
    double sum = 0;
    long n = 0;
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        if (y == 0 || y == h - 1 || x == 0 || x == w - 1) {
          sum += v[y][x];
          n++;
        }
      }
    }
    return sum / n;
  }

  private static void invert(double[][] v) {
    for (double[] row : v) for (int x = 0; x < row.length; x++) row[x] = 1 - row[x];
  }

  private static BufferedImage decode(Path file) {
    try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
      Iterator<ImageReader> readers = in == null ? null : ImageIO.getImageReadersByFormatName("png");
      ImageReader reader = readers != null && readers.hasNext() ? readers.next() : null;
      if (reader == null) throw unreadable(file, "no PNG reader");
      try {
        reader.setInput(in, true, true);
        long pixels = (long) reader.getWidth(0) * reader.getHeight(0);
        if (pixels > MAX_PIXELS) {
          throw new DataError(file + ": the picture is " + reader.getWidth(0) + "x" + reader.getHeight(0)
              + " pixels, more than " + MAX_PIXELS + ": crop it to the digit");
        }
        return reader.read(0);
      } finally {
        reader.dispose();
      }
    } catch (IOException | RuntimeException e) {
      if (e instanceof DataError d) throw d;
      throw unreadable(file, e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
    }
  }

  private static DataError unreadable(Path file, String why) {
    return new DataError(file + ": not a readable PNG picture (" + why + "): pass PNG files, or an IDX images file");
  }
}
