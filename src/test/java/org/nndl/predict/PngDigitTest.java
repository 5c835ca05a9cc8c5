package org.nndl.predict;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nndl.data.DataError;

/** PNG pictures made here, with pixel values worked out by hand. */
class PngDigitTest {
  private static final int SIDE = 28;
  @TempDir Path dir;

  private Path png(BufferedImage img, String name) throws Exception {
    Path f = dir.resolve(name);
    assertTrue(ImageIO.write(img, "png", f.toFile()));
    return f;
  }

  private static BufferedImage filled(int w, int h, int type, Color background) {
    BufferedImage img = new BufferedImage(w, h, type);
    Graphics2D g = img.createGraphics();
    g.setColor(background);
    g.fillRect(0, 0, w, h);
    g.dispose();
    return img;
  }

  private static double sum(double[] v) {
    double s = 0;
    for (double x : v) s += x;
    return s;
  }

  @Test
  void aWhitePixelOnBlackAt28x28IsThatPixelExactly() throws Exception {
    BufferedImage img = filled(SIDE, SIDE, BufferedImage.TYPE_INT_RGB, Color.BLACK);
    img.setRGB(5, 9, 0xffffff);
    double[] x = PngDigit.read(png(img, "dot.png"), SIDE).pixels();
    double[] expected = new double[SIDE * SIDE];
    expected[9 * SIDE + 5] = 1.0;
    assertArrayEquals(expected, x);
  }

  @Test
  void darkInkOnLightPaperIsInverted() throws Exception {
    BufferedImage img = filled(SIDE, SIDE, BufferedImage.TYPE_INT_RGB, Color.WHITE);
    img.setRGB(20, 3, 0x000000);
    double[] x = PngDigit.read(png(img, "paper.png"), SIDE).pixels();
    double[] expected = new double[SIDE * SIDE];
    expected[3 * SIDE + 20] = 1.0;
    assertArrayEquals(expected, x);
  }

  /** getRGB would turn gray 128 into sRGB 188: the gray raster's own value must be used. */
  @Test
  void grayPicturesKeepTheirValues() throws Exception {
    BufferedImage img = new BufferedImage(SIDE, SIDE, BufferedImage.TYPE_BYTE_GRAY);
    img.getRaster().setSample(7, 7, 0, 128);
    double[] x = PngDigit.read(png(img, "gray.png"), SIDE).pixels();
    assertEquals(128 / 255.0, x[7 * SIDE + 7], 0.0);
    assertEquals(128 / 255.0, sum(x), 1e-15);
  }

  @Test
  void colourIsWeightedAsLuma() throws Exception {
    BufferedImage img = filled(SIDE, SIDE, BufferedImage.TYPE_INT_RGB, Color.BLACK);
    img.setRGB(1, 2, 0xff0000);
    img.setRGB(3, 4, 0x00ff00);
    img.setRGB(5, 6, 0x0000ff);
    double[] x = PngDigit.read(png(img, "rgb.png"), SIDE).pixels();
    assertEquals(0.299, x[2 * SIDE + 1], 1e-15);
    assertEquals(0.587, x[4 * SIDE + 3], 1e-15);
    assertEquals(0.114, x[6 * SIDE + 5], 1e-15);
  }

  /** Black ink on a transparent sheet: laid over white, then inverted like ink on paper. */
  @Test
  void transparencyIsLaidOverWhite() throws Exception {
    BufferedImage img = new BufferedImage(SIDE, SIDE, BufferedImage.TYPE_INT_ARGB);  // all 0: transparent black
    img.setRGB(10, 11, 0xff000000);
    double[] x = PngDigit.read(png(img, "alpha.png"), SIDE).pixels();
    double[] expected = new double[SIDE * SIDE];
    expected[11 * SIDE + 10] = 1.0;
    assertArrayEquals(expected, x);
  }

  /** 56x28 halves to 28x14, centred: rows 7..20 of the canvas; each target pixel averages a 2x2 block. */
  @Test
  void aWidePictureIsHalvedAndCentredVertically() throws Exception {
    BufferedImage img = filled(56, 28, BufferedImage.TYPE_INT_RGB, Color.BLACK);
    for (int y = 4; y < 6; y++) for (int x = 10; x < 12; x++) img.setRGB(x, y, 0xffffff);  // a whole 2x2 block
    img.setRGB(41, 20, 0xffffff);  // one pixel of the block at x 40..41, y 20..21
    double[] x = PngDigit.read(png(img, "wide.png"), SIDE).pixels();
    assertEquals(1.0, x[(7 + 2) * SIDE + 5], 0.0);
    assertEquals(0.25, x[(7 + 10) * SIDE + 20], 0.0);
    assertEquals(1.25, sum(x), 1e-15);
  }

  /** A 14x14 picture doubles: each pixel becomes a 2x2 block, the picture fills the square. */
  @Test
  void aSmallPictureIsEnlarged() throws Exception {
    BufferedImage img = filled(14, 14, BufferedImage.TYPE_INT_RGB, Color.BLACK);
    img.setRGB(3, 5, 0xffffff);
    double[] x = PngDigit.read(png(img, "small.png"), SIDE).pixels();
    for (int y = 10; y < 12; y++) for (int c = 6; c < 8; c++) assertEquals(1.0, x[y * SIDE + c], 0.0);
    assertEquals(4.0, sum(x), 1e-15);
  }

  /**
   * A drawn "1" (a bar) in both polarities, 100x100: the same input, with the ink's total scaled
   * by (28/100)^2, since the box filter keeps each pixel's share.
   */
  @Test
  void bothPolaritiesOfADrawnDigitGiveTheSameInput() throws Exception {
    double[] light = PngDigit.read(png(bar(Color.BLACK, Color.WHITE), "light-on-dark.png"), SIDE).pixels();
    double[] dark = PngDigit.read(png(bar(Color.WHITE, Color.BLACK), "dark-on-light.png"), SIDE).pixels();
    assertArrayEquals(light, dark, 1e-12);
    assertEquals(20 * 80 * (SIDE / 100.0) * (SIDE / 100.0), sum(light), 1e-9);
    assertEquals(1.0, light[14 * SIDE + 14], 1e-12);  // inside the bar
    assertEquals(0.0, light[14 * SIDE + 3], 0.0);     // beside it
  }

  private static BufferedImage bar(Color paper, Color ink) {
    BufferedImage img = filled(100, 100, BufferedImage.TYPE_INT_RGB, paper);
    Graphics2D g = img.createGraphics();
    g.setColor(ink);
    g.fillRect(40, 10, 20, 80);
    g.dispose();
    return img;
  }

  @Test
  void aFileThatIsNotAPngIsRefusedInOneLine() throws Exception {
    Path f = dir.resolve("broken.png");
    Files.write(f, new byte[] {(byte) 0x89, 'P', 'N', 'G', 1, 2, 3});
    DataError e = assertThrows(DataError.class, () -> PngDigit.read(f, SIDE));
    assertTrue(e.getMessage().contains("broken.png: not a readable PNG picture"), e.getMessage());
    assertEquals(1, e.getMessage().lines().count());
  }
}
