package org.nndl.predict;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.AbstractList;
import java.util.List;
import org.nndl.data.DataError;
import org.nndl.data.IdxReader;
import org.nndl.net.NetworkSpec;

/** The pictures of an IDX images file (raw or gzip), each named FILE[i], i counted from 0. */
public final class IdxImages {
  private IdxImages() {}

  /**
   * Reads and checks the whole file (as training does), then widens one picture at a time when it
   * is used: 60,000 pictures stay 47 MB of bytes instead of 376 MB of doubles.
   */
  public static List<InputImage> read(Path file, NetworkSpec spec) {
    IdxReader.Images idx;
    try {
      idx = IdxReader.readImages(Files.newInputStream(file), Files.size(file), file.toString());
    } catch (IOException e) {
      throw new DataError(file + ": cannot be read (" + e.getMessage() + "): check the path and its permissions", e);
    }
    InputSize.check(spec, idx.rows(), idx.cols(), file + ": its images");
    int in = idx.rows() * idx.cols();
    String name = file.toString();
    return new AbstractList<>() {
      @Override public InputImage get(int i) {
        double[] x = new double[in];
        for (int p = 0; p < in; p++) x[p] = (idx.pixels()[i * in + p] & 0xff) / 255.0;  // as training scales them
        return new InputImage(name + "[" + i + "]", x);
      }

      @Override public int size() { return idx.count(); }
    };
  }
}
