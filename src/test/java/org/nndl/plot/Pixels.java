package org.nndl.plot;

import java.awt.Color;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;

/** Counting pixels of a colour, to assert on what a picture shows without comparing images. */
final class Pixels {
  private Pixels() {}

  /** Pixels inside {@code area} (shrunk by 2px, off the axes) within a small distance of {@code c}. */
  static int count(BufferedImage image, Rectangle2D area, Color c) {
    int n = 0;
    for (int y = (int) area.getMinY() + 2; y < (int) area.getMaxY() - 2; y++) {
      for (int x = (int) area.getMinX() + 2; x < (int) area.getMaxX() - 2; x++) {
        if (near(new Color(image.getRGB(x, y)), c)) n++;
      }
    }
    return n;
  }

  static int count(BufferedImage image, Color c) {
    return count(image, new Rectangle2D.Double(-2, -2, image.getWidth() + 4, image.getHeight() + 4), c);
  }

  /** Distinct colours in the image, to tell a drawing from a blank. */
  static long distinctColours(BufferedImage image) {
    java.util.Set<Integer> seen = new java.util.HashSet<>();
    for (int y = 0; y < image.getHeight(); y++) {
      for (int x = 0; x < image.getWidth(); x++) seen.add(image.getRGB(x, y));
    }
    return seen.size();
  }

  private static boolean near(Color a, Color b) {
    return Math.abs(a.getRed() - b.getRed()) + Math.abs(a.getGreen() - b.getGreen())
        + Math.abs(a.getBlue() - b.getBlue()) <= 24;
  }
}
