package org.nndl.net;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The vectors real numpy wrote (src/test/python/numpy_vectors.py, into
 * src/test/resources/org/nndl/net/numpy): lines of space-separated tokens, doubles as the hex of
 * their bits, seeds as Python's unsigned integers. Public for tests of other packages that compare
 * against numpy (the estimator's seeds).
 */
public final class NumpyVectors {
  private static final String DIR = "/org/nndl/net/numpy/";

  private NumpyVectors() {}

  /** Every line of vectors.txt starting with kind, split into tokens (the kind dropped). */
  public static List<String[]> lines(String kind) {
    List<String[]> out = new ArrayList<>();
    for (String line : new String(bytes("vectors.txt"), StandardCharsets.US_ASCII).split("\n")) {
      String[] t = line.split(" ");
      if (t[0].equals(kind)) out.add(Arrays.copyOfRange(t, 1, t.length));
    }
    if (out.isEmpty()) throw new AssertionError("no '" + kind + "' vectors in " + DIR + "vectors.txt");
    return out;
  }

  public static long seed(String token) { return Long.parseUnsignedLong(token); }

  static long hex(String token) { return Long.parseUnsignedLong(token, 16); }

  /** A double from the hex of its IEEE bits. */
  static double hexDouble(String token) { return Double.longBitsToDouble(hex(token)); }

  /** Tokens from..to as doubles written as hex bits. */
  public static double[] doubles(String[] t, int from, int to) {
    double[] d = new double[to - from];
    for (int i = from; i < to; i++) d[i - from] = hexDouble(t[i]);
    return d;
  }

  /** Tokens from..to as ints. */
  static int[] ints(String[] t, int from, int to) {
    return Arrays.stream(t, from, to).mapToInt(Integer::parseInt).toArray();
  }

  static int[] sizes(String token) { return Arrays.stream(token.split(",")).mapToInt(Integer::parseInt).toArray(); }

  /** The flat parameters in numpy's draw order: every layer's biases b_l[j], then every W_l[j][k] row by row. */
  public static double[] drawOrder(Layout layout, double[] params) {
    double[] out = new double[params.length];
    int at = 0;
    for (int l = 1; l < layout.layers(); l++) {
      for (int j = 0; j < layout.size(l); j++) out[at++] = params[layout.biases(l) + j];
    }
    for (int l = 1; l < layout.layers(); l++) {
      for (int j = 0; j < layout.size(l); j++) {
        for (int k = 0; k < layout.size(l - 1); k++) out[at++] = params[layout.weight(l, j, k)];
      }
    }
    return out;
  }

  /** A resource of little-endian float64 values. */
  static double[] float64(String name) {
    ByteBuffer b = ByteBuffer.wrap(bytes(name)).order(ByteOrder.LITTLE_ENDIAN);
    double[] d = new double[b.remaining() / 8];
    b.asDoubleBuffer().get(d);
    return d;
  }

  private static byte[] bytes(String name) {
    try (InputStream in = NumpyVectors.class.getResourceAsStream(DIR + name)) {
      if (in == null) throw new AssertionError("missing test resource " + DIR + name);
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
