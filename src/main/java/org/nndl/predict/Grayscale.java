package org.nndl.predict;

import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;

/**
 * A picture's brightness in [0,1] (0 = black, 1 = white), {@code [y][x]}. Colour is weighted as
 * ITU-R BT.601 luma, 0.299 R + 0.587 G + 0.114 B, which is also what PIL's convert("L") does.
 * Transparent parts are laid over white, as a viewer shows them on a page.
 */
final class Grayscale {
  private Grayscale() {}

  static double[][] of(BufferedImage image) {
    int w = image.getWidth(), h = image.getHeight();
    double[][] v = new double[h][w];
    ColorModel cm = image.getColorModel();
    // Gray pictures are read from the raster: getRGB would convert their (linear) gray to sRGB and
    // turn 128 into 188. Palette and RGB pictures are sRGB already, so getRGB is exact for them.
    boolean gray = cm.getColorSpace().getType() == ColorSpace.TYPE_GRAY && !(cm instanceof IndexColorModel);
    Raster raster = image.getRaster();
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        double value, alpha;
        if (gray) {
          value = raster.getSample(x, y, 0) / max(cm, 0);
          alpha = cm.hasAlpha() ? raster.getSample(x, y, 1) / max(cm, 1) : 1.0;
        } else {
          int argb = image.getRGB(x, y);
          int r = argb >> 16 & 0xff, g = argb >> 8 & 0xff, b = argb & 0xff;
          value = (299 * r + 587 * g + 114 * b) / 255_000.0;  // exact integers first: gray v gives exactly v/255
          alpha = (argb >>> 24) / 255.0;
        }
        v[y][x] = alpha * value + (1 - alpha);
      }
    }
    return v;
  }

  /** The largest sample of component c (255 for 8 bits, 65535 for 16). */
  private static double max(ColorModel cm, int c) { return (1 << cm.getComponentSize(c)) - 1; }
}
