package org.nndl.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The book's shifted copies, written out by hand, against Shift and against the expanded Block view. */
class ShiftTest {
  /** A 4x5 image with distinct pixels; its last row is above 127, so signed bytes would show. */
  private static final int[][] IMAGE = {
      {11, 12, 13, 14, 15},
      {21, 22, 23, 24, 25},
      {31, 32, 33, 34, 35},
      {241, 242, 243, 244, 255}};

  /** IMAGE's copies in expand_mnist.py's order: itself, down, up, right, left; the wrapped line is 0. */
  private static final int[][][] COPIES = {
      IMAGE,
      {{0, 0, 0, 0, 0},
       {11, 12, 13, 14, 15},
       {21, 22, 23, 24, 25},
       {31, 32, 33, 34, 35}},
      {{21, 22, 23, 24, 25},
       {31, 32, 33, 34, 35},
       {241, 242, 243, 244, 255},
       {0, 0, 0, 0, 0}},
      {{0, 11, 12, 13, 14},
       {0, 21, 22, 23, 24},
       {0, 31, 32, 33, 34},
       {0, 241, 242, 243, 244}},
      {{12, 13, 14, 15, 0},
       {22, 23, 24, 25, 0},
       {32, 33, 34, 35, 0},
       {242, 243, 244, 255, 0}}};

  /** A second image, two lit pixels: 7 in the top-left corner, 99 at row 1, column 3. */
  private static final int[][] SECOND = {{0, 0, 7}, {1, 3, 99}};

  /** SECOND's copies as {row, col, value} of their lit pixels: 7 falls off going up and left. */
  private static final int[][][] SECOND_COPIES = {
      SECOND,
      {{1, 0, 7}, {2, 3, 99}},
      {{0, 3, 99}},
      {{0, 1, 7}, {1, 4, 99}},
      {{1, 2, 99}}};

  private static final Dataset TWO = new Dataset(4, 5, concat(bytes(IMAGE), bytes(lit(SECOND))), new byte[] {7, 3});

  @Test
  void expandPutsEachImageThenItsFourShiftsInTheBooksOrder() {
    Dataset out = Shift.expand(TWO);
    assertEquals(10, out.size());
    for (int s = 0; s < 5; s++) {
      assertArrayEquals(bytes(COPIES[s]), image(out, s), "image 0, copy " + s);
      assertArrayEquals(bytes(lit(SECOND_COPIES[s])), image(out, 5 + s), "image 1, copy " + s);
      assertEquals(7, out.label(s));
      assertEquals(3, out.label(5 + s));
    }
  }

  @Test
  void shiftMovesBothWaysAtOnceAndWritesOnlyItsImage() {
    byte[] out = new byte[3 + 20 + 3];
    Arrays.fill(out, (byte) -1);
    Shift.shift(TWO.pixels(), 0, 4, 5, 1, 1, out, 3);  // down and right, as the bench's diagonals
    int[][] downRight = {
        {0, 0, 0, 0, 0},
        {0, 11, 12, 13, 14},
        {0, 21, 22, 23, 24},
        {0, 31, 32, 33, 34}};
    assertArrayEquals(bytes(downRight), Arrays.copyOfRange(out, 3, 23));
    for (int p : new int[] {0, 1, 2, 23, 24, 25}) assertEquals(-1, out[p], "outside the image, at " + p);
    assertThrows(IllegalArgumentException.class, () -> Shift.shift(TWO.pixels(), 0, 4, 5, 2, 0, out, 0));
  }

  @Test
  void theExpandedViewWidensTheShiftedCopiesFromTheSameBytes() {
    Block second = Block.split(TWO, 1).get(1);  // image 1 alone: the view starts at sample 5
    Block view = second.expanded();
    assertEquals(5, view.first());
    assertEquals(10, view.end());
    assertEquals(5, view.count());
    assertEquals(20, view.inputSize());
    assertTrue(view.pixelBytes() == second.pixelBytes(), "the view shares the cached bytes");
    for (int s = 0; s < 5; s++) {
      assertColumn(lit(SECOND_COPIES[s]), widen(view, 5 + s, 1), 1, "image 1, copy " + s);
      assertEquals(3, view.label(5 + s));
    }
    Block both = Block.split(TWO, 2).get(0).expanded();
    assertEquals(0, both.first());
    assertEquals(10, both.end());
    for (int s = 0; s < 5; s++) {
      assertColumn(COPIES[s], widen(both, s, 2), 2, "image 0, copy " + s);
      assertColumn(lit(SECOND_COPIES[s]), widen(both, 5 + s, 0), 0, "image 1, copy " + s);
      assertEquals(7, both.label(s));
    }
    assertColumn(lit(SECOND), widen(second, 1, 0), 0, "the block itself is unchanged");
    assertThrows(IllegalStateException.class, view::expanded);
  }

  /** Sample i widened into column col of a 20 x 3 matrix that starts as NaN. */
  private static double[] widen(Block b, int i, int col) {
    double[] x = new double[3 * 20];
    Arrays.fill(x, Double.NaN);
    b.widen(i, x, col);
    return x;
  }

  /** Column col of x is the image scaled by 1/255; the other columns are untouched. */
  private static void assertColumn(int[][] image, double[] x, int col, String what) {
    byte[] px = bytes(image);
    for (int c = 0; c < 3; c++) {
      for (int p = 0; p < 20; p++) {
        double want = c == col ? (px[p] & 0xff) / 255.0 : Double.NaN;
        assertEquals(want, x[c * 20 + p], 1e-15, what + ", column " + c + ", pixel " + p);
      }
    }
  }

  private static byte[] image(Dataset d, int i) {
    return Arrays.copyOfRange(d.pixels(), i * d.inputSize(), (i + 1) * d.inputSize());
  }

  /** A 4x5 image from its lit pixels {row, col, value}. */
  private static int[][] lit(int[][] pixels) {
    int[][] image = new int[4][5];
    for (int[] p : pixels) image[p[0]][p[1]] = p[2];
    return image;
  }

  private static byte[] bytes(int[][] image) {
    byte[] out = new byte[image.length * image[0].length];
    for (int r = 0; r < image.length; r++) {
      for (int c = 0; c < image[r].length; c++) out[r * image[r].length + c] = (byte) image[r][c];
    }
    return out;
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
