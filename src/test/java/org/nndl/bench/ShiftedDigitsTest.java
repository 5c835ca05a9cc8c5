package org.nndl.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.nndl.data.Dataset;

class ShiftedDigitsTest {
  /** One lit pixel at (row 1, col 2) of a 3x4 image, moved by hand for each shift. */
  @Test
  void copiesAreOnePixelShiftsInTheDocumentedOrder() {
    byte[] px = new byte[12];
    px[1 * 4 + 2] = 7;
    Dataset one = new Dataset(3, 4, px, new byte[] {5});
    Dataset out = ShiftedDigits.expand(one, 10);
    int[][] expectedLit = {{1, 2}, {1, 3}, {1, 1}, {2, 2}, {0, 2}, {2, 3}, {0, 1}, {0, 3}, {2, 1}, {1, 2}};
    for (int i = 0; i < 10; i++) {
      assertEquals(5, out.label(i));
      for (int r = 0; r < 3; r++) {
        for (int c = 0; c < 4; c++) {
          int want = (r == expectedLit[i][0] && c == expectedLit[i][1]) ? 7 : 0;
          assertEquals(want, out.pixels()[i * 12 + r * 4 + c], "copy " + i + " at " + r + "," + c);
        }
      }
    }
  }

  @Test
  void pixelsShiftedOffTheEdgeAreDropped() {
    byte[] px = new byte[4];
    px[3] = 9;  // bottom-right of a 2x2 image
    Dataset out = ShiftedDigits.expand(new Dataset(2, 2, px, new byte[] {1}), 2);
    for (int p = 0; p < 4; p++) assertEquals(0, out.pixels()[4 + p]);  // shifted right by one: gone
  }
}
