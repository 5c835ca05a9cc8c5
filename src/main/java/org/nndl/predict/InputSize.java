package org.nndl.predict;

import org.nndl.error.UserError;
import org.nndl.net.NetworkSpec;

/** Which pictures a model takes: one input neuron per pixel. */
public final class InputSize {
  private InputSize() {}

  /** Fails unless rows x cols pictures (described by {@code what}) fit the model's input layer. */
  public static void check(NetworkSpec spec, int rows, int cols, String what) {
    int in = spec.layout().inputSize();
    if ((long) rows * cols != in) {
      throw new UserError(what + " are " + rows + "x" + cols + " = " + (long) rows * cols
          + " pixels but the model's input layer has " + in + " neurons" + squareHint(in)
          + ": use pictures of the size the model was trained on");
    }
  }

  /**
   * The side of the square pictures the model takes (28 for 784 inputs); pictures in other formats
   * are scaled to it, so a model whose input is not a square cannot take them.
   */
  public static int side(NetworkSpec spec, String what) {
    int in = spec.layout().inputSize();
    int side = squareSide(in);
    if (side < 0) {
      throw new UserError(what + ": the model's input layer has " + in
          + " neurons, not a square picture, so pictures cannot be scaled to it: pass IDX images of its size instead");
    }
    return side;
  }

  private static String squareHint(int in) {
    int side = squareSide(in);
    return side < 0 ? "" : " (" + side + "x" + side + ")";
  }

  private static int squareSide(int in) {
    int side = (int) Math.round(Math.sqrt(in));
    return side * side == in ? side : -1;
  }
}
