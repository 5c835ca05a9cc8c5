package org.nndl.train;

import java.util.Random;
import org.nndl.data.Dataset;

/** Small random image sets with labels tied to the pixels, so that there is something to learn. */
public final class TestData {
  private TestData() {}

  public static Dataset images(int n, int rows, int cols, int classes, long seed) {
    Random rnd = new Random(seed);
    int in = rows * cols;
    byte[] px = new byte[n * in];
    byte[] lb = new byte[n];
    for (int i = 0; i < n; i++) {
      int label = rnd.nextInt(classes);
      lb[i] = (byte) label;
      for (int p = 0; p < in; p++) {
        int bright = (p % classes == label) ? 160 : 0;  // a class lights its own stripe of pixels
        px[i * in + p] = (byte) Math.min(255, bright + rnd.nextInt(96));
      }
    }
    return new Dataset(rows, cols, px, lb);
  }
}
