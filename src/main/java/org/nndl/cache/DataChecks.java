package org.nndl.cache;

import org.nndl.data.Dataset;
import org.nndl.error.UserError;
import org.nndl.net.Layout;
import org.nndl.net.NetworkSpec;

/** Does the data fit the network? Each refusal says, in one line, what to change. */
public final class DataChecks {
  private DataChecks() {}

  /** Checks that the data fits the network; throws a UserError saying what to change. */
  public static void check(NetworkSpec spec, Dataset set, String name) {
    shape(spec, set.rows(), set.cols(), set.size(), name);
    int max = -1, at = -1;
    for (int i = 0; i < set.size(); i++) if (set.label(i) > max) { max = set.label(i); at = i; }
    label(spec, max, at, name);
  }

  /** The input layer must have one neuron per pixel, and the set must not be empty. */
  public static void shape(NetworkSpec spec, int rows, int cols, int size, String name) {
    Layout layout = spec.layout();
    if (rows * cols != layout.inputSize()) {
      throw new UserError("the input layer has " + layout.inputSize() + " neurons but the " + name
          + " images have " + rows + "x" + cols + " = " + rows * cols + " pixels: use --sizes " + rows * cols + ",...");
    }
    if (size == 0) throw new UserError("the " + name + " set is empty: check --data and the limits");
  }

  /** The largest label (of sample {@code sample}) must have an output neuron. */
  public static void label(NetworkSpec spec, int maxLabel, int sample, String name) {
    int out = spec.layout().outputSize();
    if (maxLabel >= out) {
      throw new UserError("label " + maxLabel + " of " + name + " sample " + sample
          + " has no output neuron (the output layer has " + out + "): use a larger last --sizes entry");
    }
  }
}
