package org.nndl.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Seeded, deterministic fuzzing of the IDX reader with hostile files: every case either loads
 * consistent data or fails with a one-line {@link DataError} naming the file, within a few seconds,
 * and without allocating from a header's claim what a tiny file cannot hold.
 */
class IdxFuzzTest {
  private static final long SEED = 0x5EED_1D3L;
  private static final Duration PER_CASE = Duration.ofSeconds(5);
  /** Far above what reading a file of a few KB needs, far below any claim tested here. */
  private static final long TINY_ALLOCATION = 64L << 20;
  private static final int COUNT = 20, ROWS = 28, COLS = 28;
  private static final int IMAGES_HEADER = 16, LABELS_HEADER = 8;
  /** Zeros behind each gzip bomb's header: a few hundred KB on disk. */
  private static final long BOMB_ZEROS = 256L << 20;
  private static final Pattern BARE_EXCEPTION =
      Pattern.compile("^(?:[a-z_$][\\w$]*\\.)*[A-Z][\\w$]*(?:Exception|Error)(?::.*)?$");

  @TempDir static Path dir;

  private static Dataset base;
  private static Dataset other;
  private static byte[] images;
  private static byte[] labels;
  private static byte[] imagesGz;
  private static byte[] labelsGz;
  private static Path validImages;
  private static Path validLabels;
  private static int fileNo;

  @BeforeAll
  static void writeValidFiles() throws IOException {
    base = IdxBytes.counting(COUNT, ROWS, COLS);
    other = IdxBytes.counting(COUNT - 1, ROWS, COLS);
    validImages = dir.resolve("valid-images");
    validLabels = dir.resolve("valid-labels");
    IdxWriter.write(base, validImages, validLabels);
    Path gzImages = dir.resolve("valid-images.gz"), gzLabels = dir.resolve("valid-labels.gz");
    IdxWriter.write(base, gzImages, gzLabels);
    images = Files.readAllBytes(validImages);
    labels = Files.readAllBytes(validLabels);
    imagesGz = Files.readAllBytes(gzImages);
    labelsGz = Files.readAllBytes(gzLabels);
    assertEquals(IMAGES_HEADER + COUNT * ROWS * COLS, images.length);
    assertEquals(LABELS_HEADER + COUNT, labels.length);
  }

  // ---------------------------------------------------------------------------------------------
  // The property every case checks

  /** What a case reads, and what it may do. */
  private record Case(String description, Callable<Object> read, boolean mustFail, boolean tiny, List<String> names,
      byte[] labelFile) {
    Case(String description, Callable<Object> read, boolean mustFail, boolean tiny, List<String> names) {
      this(description, read, mustFail, tiny, names, null);
    }
  }

  private static DynamicTest test(Case c) {
    return DynamicTest.dynamicTest(c.description(), () -> check(c));
  }

  private static void check(Case c) {
    String desc = c.description();
    assertTimeoutPreemptively(PER_CASE, () -> {
      long before = IdxBytes.allocatedBytes();
      Object result = null;
      Throwable thrown = null;
      try {
        result = c.read().call();
      } catch (Throwable t) {
        thrown = t;
      }
      long allocated = IdxBytes.allocatedBytes() - before;
      if (thrown != null && !(thrown instanceof DataError)) {
        throw new AssertionError(desc + ": threw " + thrown.getClass().getName() + " instead of a DataError", thrown);
      }
      if (c.tiny()) {
        assertTrue(allocated < TINY_ALLOCATION, desc + ": allocated " + allocated + " bytes reading a tiny file"
            + (thrown == null ? "" : " (" + thrown.getMessage() + ")"));
      }
      if (thrown == null) {
        assertFalse(c.mustFail(), desc + ": loaded, but this file cannot be valid");
        checkConsistent(desc, result);
        if (c.labelFile() != null) assertArrayEquals(labelsIn(c.labelFile()), (byte[]) result, desc + ": labels");
      } else {
        checkMessage(desc, thrown.getMessage(), c.names());
      }
    }, () -> desc + ": did not finish within " + PER_CASE);
  }

  private static void checkMessage(String desc, String message, List<String> names) {
    assertNotNull(message, desc + ": DataError without a message");
    assertFalse(message.isBlank(), desc + ": blank message");
    assertFalse(message.contains("\n") || message.contains("\r"), desc + ": message spans lines: " + message);
    assertTrue(names.stream().anyMatch(message::contains), desc + ": message names none of " + names + ": " + message);
    assertFalse(BARE_EXCEPTION.matcher(message).matches(), desc + ": bare exception name as message: " + message);
    assertFalse(message.contains("(null)"), desc + ": message with a null placeholder: " + message);
  }

  private static void checkConsistent(String desc, Object result) {
    if (result instanceof IdxReader.Images im) {
      assertTrue(im.count() >= 0 && im.rows() > 0 && im.cols() > 0, desc + ": bad shape " + im);
      assertEquals((long) im.count() * im.rows() * im.cols(), im.pixels().length, desc + ": pixels length");
    } else if (result instanceof byte[]) {
      // labels: compared with the file's own bytes by check()
    } else if (result instanceof Dataset d) {
      checkDataset(desc, d);
    } else if (result instanceof TrainTest tt) {
      checkDataset(desc + " (train)", tt.train());
      checkDataset(desc + " (test)", tt.test());
    } else {
      fail(desc + ": unexpected result " + result);
    }
  }

  private static void checkDataset(String desc, Dataset d) {
    assertTrue(d.rows() > 0 && d.cols() > 0, desc + ": bad shape");
    assertEquals((long) d.size() * d.rows() * d.cols(), d.pixels().length, desc + ": pixels length");
    assertEquals(d.labels().length, d.size(), desc + ": label count");
  }

  // ---------------------------------------------------------------------------------------------
  // Building cases

  private static synchronized Path newFile(String stem) { return dir.resolve("case" + (fileNo++) + "-" + stem); }

  private static Path write(Path file, byte[] content) { return IdxBytes.write(file, content); }

  /**
   * The labels a valid IDX label file holds, decoded here from the format's definition (gunzipped
   * if gzip; magic 0x00000801, big-endian count, then one byte per label), not by the reader tested.
   */
  private static byte[] labelsIn(byte[] file) throws IOException {
    byte[] raw = isGzip(file) ? new GZIPInputStream(new ByteArrayInputStream(file)).readAllBytes() : file;
    ByteBuffer b = ByteBuffer.wrap(raw);
    assertEquals(0x00000801, b.getInt(), "magic of a label file that was accepted");
    return Arrays.copyOfRange(raw, 8, 8 + b.getInt());
  }

  private static Case imagesCase(String desc, byte[] content, boolean mustFail) {
    Path file = newFile("images" + (isGzip(content) ? ".gz" : ""));
    return new Case("images: " + desc, () -> IdxReader.readImages(write(file, content).toString()),
        mustFail, true, List.of(file.toString()));
  }

  private static Case labelsCase(String desc, byte[] content, boolean mustFail) {
    Path file = newFile("labels" + (isGzip(content) ? ".gz" : ""));
    return new Case("labels: " + desc, () -> IdxReader.readLabels(write(file, content).toString()),
        mustFail, true, List.of(file.toString()), content);
  }

  private static Case datasetCase(String desc, byte[] imagesContent, byte[] labelsContent, boolean mustFail) {
    Path im = newFile("images"), lb = newFile("labels");
    return new Case("dataset: " + desc, () -> {
      write(im, imagesContent);
      write(lb, labelsContent);
      return IdxReader.readDataset(im.toString(), lb.toString());
    }, mustFail, true, List.of(im.toString(), lb.toString()));
  }

  private static boolean isGzip(byte[] b) { return b.length >= 2 && (b[0] & 0xff) == 0x1f && (b[1] & 0xff) == 0x8b; }

  private static byte[] flipBits(byte[] data, Random r, int flips, int within) {
    byte[] b = data.clone();
    for (int i = 0; i < flips; i++) {
      int at = r.nextInt(Math.min(within, b.length));
      b[at] ^= (byte) (1 << r.nextInt(8));
    }
    return b;
  }

  private static String describeFlips(byte[] original, byte[] mutated) {
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < original.length; i++) {
      if (original[i] != mutated[i]) s.append(s.length() == 0 ? "" : ",").append(i).append(String.format(":%02x", original[i] ^ mutated[i]));
    }
    return s.length() == 0 ? "none (flips cancelled)" : s.toString();
  }

  private static byte[] withInt(byte[] data, int offset, int value) {
    byte[] b = data.clone();
    ByteBuffer.wrap(b).putInt(offset, value);
    return b;
  }

  private static byte[] append(byte[] data, byte[] extra) {
    byte[] b = Arrays.copyOf(data, data.length + extra.length);
    System.arraycopy(extra, 0, b, data.length, extra.length);
    return b;
  }

  /** Single and multiple bit flips, anywhere and in the IDX header, raw and gzipped (before and after compression). */
  private static List<Case> flips(String kind, byte[] raw, byte[] gz, int header, long seed) {
    Random r = new Random(seed);
    List<Case> cases = new ArrayList<>();
    boolean images = kind.equals("images");
    for (int i = 0; i < 60; i++) {
      int flips = i % 3 == 0 ? 1 : 2 + r.nextInt(7);
      boolean inHeader = i % 2 == 0;
      boolean gzipped = i % 4 >= 2;
      byte[] m = flipBits(raw, r, flips, inHeader ? header : raw.length);
      String desc = (gzipped ? "gzip of " : "raw ") + (inHeader ? "header " : "") + "bit flips at " + describeFlips(raw, m);
      byte[] content = gzipped ? IdxBytes.gzip(m) : m;
      cases.add(images ? imagesCase(desc, content, false) : labelsCase(desc, content, false));
    }
    for (int i = 0; i < 30; i++) {
      int flips = i % 3 == 0 ? 1 : 2 + r.nextInt(5);
      // the gzip header (10 bytes), its trailer (CRC and size, 8 bytes), or anywhere in the compressed data
      int zone = i % 3;
      byte[] m;
      if (zone == 0) {
        m = flipBits(gz, r, flips, 10);
      } else if (zone == 1) {
        m = gz.clone();
        for (int f = 0; f < flips; f++) m[gz.length - 1 - r.nextInt(8)] ^= (byte) (1 << r.nextInt(8));
      } else {
        m = flipBits(gz, r, flips, gz.length);
      }
      String desc = "gzip bytes flipped in the " + new String[] {"gzip header", "gzip trailer", "compressed data"}[zone]
          + " at " + describeFlips(gz, m);
      cases.add(images ? imagesCase(desc, m, false) : labelsCase(desc, m, false));
    }
    return cases;
  }

  /** Truncation at every length class and trailing bytes, raw, gzip of the cut data, and the gzip stream cut short. */
  private static List<Case> truncations(String kind, byte[] raw, byte[] gz, int header, int record, long seed) {
    Random r = new Random(seed);
    boolean images = kind.equals("images");
    List<Case> cases = new ArrayList<>();
    int[] lengths = {0, 1, 2, 3, 4, header / 2 + 1, header - 1, header, header + 1, header + record,
        header + 3 * record + record / 2, raw.length / 2, raw.length - record, raw.length - 1};
    for (int len : lengths) {
      byte[] cut = Arrays.copyOf(raw, len);
      cases.add(images ? imagesCase("raw cut to " + len + " of " + raw.length + " bytes", cut, true)
          : labelsCase("raw cut to " + len + " of " + raw.length + " bytes", cut, true));
      if (len > 0) {
        byte[] g = IdxBytes.gzip(cut);
        cases.add(images ? imagesCase("gzip of data cut to " + len + " bytes", g, true)
            : labelsCase("gzip of data cut to " + len + " bytes", g, true));
      }
    }
    int[] extras = {1, 2, 7, 100, 4096};
    for (int n : extras) {
      byte[] garbage = new byte[n];
      r.nextBytes(garbage);
      if (n == 1) garbage[0] = 0;
      byte[] longer = append(raw, garbage);
      cases.add(images ? imagesCase("raw with " + n + " trailing bytes", longer, true)
          : labelsCase("raw with " + n + " trailing bytes", longer, true));
      cases.add(images ? imagesCase("gzip of data with " + n + " trailing bytes", IdxBytes.gzip(longer), true)
          : labelsCase("gzip of data with " + n + " trailing bytes", IdxBytes.gzip(longer), true));
      // garbage after the gzip stream itself: may be ignored by gzip, so loading is allowed
      cases.add(images ? imagesCase("gzip stream followed by " + n + " garbage bytes", append(gz, garbage), false)
          : labelsCase("gzip stream followed by " + n + " garbage bytes", append(gz, garbage), false));
    }
    int[] gzCuts = {1, 2, 3, 9, 10, 11, gz.length / 3, gz.length / 2, gz.length - 9, gz.length - 8, gz.length - 4,
        gz.length - 1};
    for (int len : gzCuts) {
      byte[] cut = Arrays.copyOf(gz, len);
      String desc = "gzip stream cut short at " + len + " of " + gz.length + " bytes";
      cases.add(images ? imagesCase(desc, cut, true) : labelsCase(desc, cut, true));
    }
    return cases;
  }

  // ---------------------------------------------------------------------------------------------
  // The fuzz tests

  @TestFactory
  Stream<DynamicTest> validFilesLoadExactly() {
    return Stream.of(
        DynamicTest.dynamicTest("raw files load as written", () -> loadsExactly(validImages, validLabels)),
        DynamicTest.dynamicTest("gzip files load as written",
            () -> loadsExactly(dir.resolve("valid-images.gz"), dir.resolve("valid-labels.gz"))));
  }

  private static void loadsExactly(Path im, Path lb) {
    Dataset d = assertTimeoutPreemptively(PER_CASE, () -> IdxReader.readDataset(im.toString(), lb.toString()));
    assertArrayEquals(base.pixels(), d.pixels());
    assertArrayEquals(base.labels(), d.labels());
    assertEquals(ROWS, d.rows());
    assertEquals(COLS, d.cols());
  }

  @TestFactory
  Stream<DynamicTest> bitFlips() {
    return Stream.concat(flips("images", images, imagesGz, IMAGES_HEADER, SEED).stream(),
        flips("labels", labels, labelsGz, LABELS_HEADER, SEED + 1).stream()).map(IdxFuzzTest::test);
  }

  @TestFactory
  Stream<DynamicTest> truncationsAndTrailingBytes() {
    return Stream.concat(truncations("images", images, imagesGz, IMAGES_HEADER, ROWS * COLS, SEED + 2).stream(),
        truncations("labels", labels, labelsGz, LABELS_HEADER, 1, SEED + 3).stream()).map(IdxFuzzTest::test);
  }

  @TestFactory
  Stream<DynamicTest> lyingHeaders() {
    int max = Integer.MAX_VALUE;
    List<Case> cases = new ArrayList<>();
    int[][] imageHeaders = { // count, rows, cols
        {max, ROWS, COLS}, {max, 1, 1}, {max, max, max}, {COUNT, max, COLS}, {COUNT, ROWS, max}, {COUNT, max, max},
        {COUNT, 65536, 65536}, {1, 46341, 46341}, {COUNT, max, 2}, {-1, ROWS, COLS}, {Integer.MIN_VALUE, ROWS, COLS},
        {COUNT, -1, COLS}, {COUNT, ROWS, -28}, {COUNT, Integer.MIN_VALUE, Integer.MIN_VALUE}, {COUNT, 0, COLS},
        {COUNT, ROWS, 0}, {0, ROWS, COLS}, {COUNT + 1, ROWS, COLS}, {COUNT - 1, ROWS, COLS}, {COUNT, COLS + 1, ROWS},
        {1 << 24, 1 << 4, 1 << 4}, {COUNT * ROWS * COLS, 1, 1}};
    for (int[] h : imageHeaders) {
      byte[] m = withInt(withInt(withInt(images, 4, h[0]), 8, h[1]), 12, h[2]);
      boolean valid = (long) h[0] * h[1] * h[2] == (long) COUNT * ROWS * COLS && h[1] > 0 && h[2] > 0 && h[0] >= 0;
      String desc = "header claims " + h[0] + " images of " + h[1] + "x" + h[2];
      cases.add(imagesCase("raw " + desc, m, !valid));
      cases.add(imagesCase("gzip " + desc, IdxBytes.gzip(m), !valid));
    }
    int[] labelCounts = {max, max - 8, 1 << 30, -1, Integer.MIN_VALUE, 0, COUNT + 1, COUNT - 1, 1};
    for (int n : labelCounts) {
      byte[] m = withInt(labels, 4, n);
      cases.add(labelsCase("raw header claims " + n + " labels", m, true));
      cases.add(labelsCase("gzip header claims " + n + " labels", IdxBytes.gzip(m), true));
    }
    int[] magics = {0, 0x00000801, 0x00000803, 0x00000802, 0x00000c03, 0x08030000, -1};
    for (int magic : magics) {
      if (magic != 0x00000803) cases.add(imagesCase(String.format("magic 0x%08x", magic), withInt(images, 0, magic), true));
      if (magic != 0x00000801) cases.add(labelsCase(String.format("magic 0x%08x", magic), withInt(labels, 0, magic), true));
    }
    return cases.stream().map(IdxFuzzTest::test);
  }

  @TestFactory
  Stream<DynamicTest> mismatchedAndMisplacedFiles() throws IOException {
    Path otherImages = dir.resolve("other-images"), otherLabels = dir.resolve("other-labels");
    IdxWriter.write(other, otherImages, otherLabels);
    byte[] oi = Files.readAllBytes(otherImages), ol = Files.readAllBytes(otherLabels);
    Random r = new Random(SEED + 4);
    List<Case> cases = new ArrayList<>();
    cases.add(datasetCase("20 images with the 19 labels of another file", images, ol, true));
    cases.add(datasetCase("19 images with the 20 labels of another file", oi, labels, true));
    cases.add(datasetCase("gzip: 20 images with the 19 labels of another file", imagesGz, IdxBytes.gzip(ol), true));
    cases.add(datasetCase("labels file given as images", labels, labels, true));
    cases.add(datasetCase("images file given as labels", images, images, true));
    cases.add(datasetCase("images and labels swapped", labels, images, true));
    for (int i = 0; i < 20; i++) {
      byte[] mi = i % 2 == 0 ? flipBits(images, r, 1 + r.nextInt(3), IMAGES_HEADER) : images;
      byte[] ml = i % 2 == 1 ? flipBits(labels, r, 1 + r.nextInt(3), LABELS_HEADER) : labels;
      cases.add(datasetCase("header flips: images " + describeFlips(images, mi) + ", labels " + describeFlips(labels, ml),
          mi, ml, false));
    }
    // empty files, directories and missing files where files are expected
    Path empty = newFile("empty");
    Path emptyGz = newFile("empty.gz");
    Path aDir = Files.createDirectories(newFile("a-directory"));
    Path missing = newFile("missing");
    cases.add(new Case("empty images file", () -> IdxReader.readImages(write(empty, new byte[0]).toString()),
        true, true, List.of(empty.toString())));
    cases.add(new Case("empty labels file", () -> IdxReader.readLabels(write(empty, new byte[0]).toString()),
        true, true, List.of(empty.toString())));
    cases.add(new Case("gzip of nothing as images", () -> IdxReader.readImages(write(emptyGz, IdxBytes.gzip(new byte[0])).toString()),
        true, true, List.of(emptyGz.toString())));
    cases.add(new Case("gzip of nothing as labels", () -> IdxReader.readLabels(write(emptyGz, IdxBytes.gzip(new byte[0])).toString()),
        true, true, List.of(emptyGz.toString())));
    cases.add(new Case("directory as images", () -> IdxReader.readImages(aDir.toString()), true, true, List.of(aDir.toString())));
    cases.add(new Case("directory as labels", () -> IdxReader.readLabels(aDir.toString()), true, true, List.of(aDir.toString())));
    cases.add(new Case("directory as the labels of a dataset", () -> IdxReader.readDataset(validImages.toString(), aDir.toString()),
        true, true, List.of(aDir.toString())));
    cases.add(new Case("missing images file", () -> IdxReader.readImages(missing.toString()), true, true, List.of(missing.toString())));
    cases.add(new Case("missing labels of a dataset", () -> IdxReader.readDataset(validImages.toString(), missing.toString()),
        true, true, List.of(missing.toString())));
    return cases.stream().map(IdxFuzzTest::test);
  }

  /** A gzip file of a header, its data, and {@code zeros} zero bytes, written streaming (never held in memory). */
  private static Path bomb(String stem, byte[] headerAndData, long zeros) {
    Path file = dir.resolve(stem + ".gz");
    try (OutputStream out = new GZIPOutputStream(new BufferedOutputStream(Files.newOutputStream(file), 1 << 16), 1 << 16)) {
      out.write(headerAndData);
      byte[] block = new byte[1 << 20];
      for (long left = zeros; left > 0; left -= block.length) out.write(block, 0, (int) Math.min(left, block.length));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return file;
  }

  @TestFactory
  Stream<DynamicTest> gzipBombs() throws IOException {
    Path imagesBomb = bomb("bomb-images", images, BOMB_ZEROS);
    Path labelsBomb = bomb("bomb-labels", labels, BOMB_ZEROS);
    Path headerOnlyBomb = bomb("bomb-header-only", Arrays.copyOf(images, IMAGES_HEADER), BOMB_ZEROS);
    Path hugeClaimBomb = bomb("bomb-huge-claim", withInt(Arrays.copyOf(images, IMAGES_HEADER), 4, Integer.MAX_VALUE), 16L << 20);
    assertTrue(Files.size(imagesBomb) < (2 << 20), "the bomb should be small on disk: " + Files.size(imagesBomb));
    List<Case> cases = List.of(
        new Case("gzip bomb: 20 images then " + BOMB_ZEROS + " zeros", () -> IdxReader.readImages(imagesBomb.toString()),
            true, true, List.of(imagesBomb.toString())),
        new Case("gzip bomb: 20 labels then " + BOMB_ZEROS + " zeros", () -> IdxReader.readLabels(labelsBomb.toString()),
            true, true, List.of(labelsBomb.toString())),
        new Case("gzip bomb: header of 20 images then " + BOMB_ZEROS + " zeros",
            () -> IdxReader.readImages(headerOnlyBomb.toString()), true, true, List.of(headerOnlyBomb.toString())),
        new Case("gzip bomb: header claiming 2^31-1 images then zeros",
            () -> IdxReader.readImages(hugeClaimBomb.toString()), true, true, List.of(hugeClaimBomb.toString())),
        new Case("gzip bomb as the labels of a dataset",
            () -> IdxReader.readDataset(validImages.toString(), labelsBomb.toString()), true, true,
            List.of(labelsBomb.toString())));
    return cases.stream().map(IdxFuzzTest::test);
  }

  // ---------------------------------------------------------------------------------------------
  // Through DataSource.load on a folder

  private static Path folder(String name, byte[] trainImages, byte[] trainLabels, byte[] testImages, byte[] testLabels) {
    try {
      Path f = Files.createDirectories(newFile(name));
      byte[][] contents = {trainImages, trainLabels, testImages, testLabels};
      MnistFile[] files = MnistFile.values();
      for (int i = 0; i < files.length; i++) {
        if (contents[i] == null) continue;
        write(f.resolve(isGzip(contents[i]) ? files[i].gzName() : files[i].baseName), contents[i]);
      }
      return f;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Case folderCase(String desc, Path folder, boolean mustFail) {
    return new Case("folder: " + desc, () -> DataSource.load(folder.toString(), dir.resolve("cache"), 0, 0),
        mustFail, true, List.of(folder.toString()));
  }

  @TestFactory
  Stream<DynamicTest> foldersThroughDataSource() throws IOException {
    Random r = new Random(SEED + 5);
    byte[] ol = IdxBytes.labels(COUNT - 1, Arrays.copyOf(base.labels(), COUNT - 1));
    List<Case> cases = new ArrayList<>();
    cases.add(folderCase("valid raw and gzip files", folder("ok", images, labelsGz, imagesGz, labels), false));
    cases.add(folderCase("training labels of another file", folder("mismatch", images, ol, images, labels), true));
    cases.add(folderCase("test images gzip cut short",
        folder("cut", images, labels, Arrays.copyOf(imagesGz, imagesGz.length / 2), labels), true));
    cases.add(folderCase("test labels missing", folder("missing", images, labels, images, null), true));
    cases.add(folderCase("empty training images", folder("empty", new byte[0], labels, images, labels), true));
    cases.add(folderCase("labels that are not digits",
        folder("not-digits", images, withInt(labels, LABELS_HEADER, 0x0a0b0c0d), images, labels), true));
    Path withDir = folder("dir-as-file", null, labels, images, labels);
    Files.createDirectories(withDir.resolve(MnistFile.TRAIN_IMAGES.baseName));
    cases.add(folderCase("a directory named like the training images", withDir, true));
    cases.add(folderCase("a file given as the folder", validImages, true));
    for (int i = 0; i < 6; i++) {
      byte[] ti = flipBits(images, r, 1 + r.nextInt(4), IMAGES_HEADER);
      byte[] tl = flipBits(labels, r, 1 + r.nextInt(4), labels.length);
      cases.add(folderCase("flips: test images " + describeFlips(images, ti) + ", training labels " + describeFlips(labels, tl),
          folder("flips" + i, images, tl, ti, labels), false));
    }
    return cases.stream().map(IdxFuzzTest::test);
  }

  /** Hand-built from the format, to make sure IdxWriter's files are what the fuzzer starts from. */
  @TestFactory
  Stream<DynamicTest> writerMatchesTheFormat() {
    return Stream.of(DynamicTest.dynamicTest("IdxWriter's bytes are IDX", () -> {
      assertArrayEquals(IdxBytes.images(COUNT, ROWS, COLS, base.pixels()), images);
      assertArrayEquals(IdxBytes.labels(COUNT, base.labels()), labels);
    }));
  }
}
