package org.nndl.data;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.ZipException;

/**
 * Reads IDX image and label files, raw or gzipped (told by the gzip magic bytes, not the name), from
 * a local path, a Hadoop FileSystem URI or a stream. Every problem is a one-line {@link DataError}
 * naming the file, and the header is checked against the data before anything of its size is made.
 */
public final class IdxReader {

  /** The contents of an IDX images file: {@code pixels[i*rows*cols + p]} is pixel p of image i. */
  public record Images(int count, int rows, int cols, byte[] pixels) {}

  /** A checked images header: what the body holds and how errors describe it. */
  record ImagesHeader(int count, int rows, int cols) {
    long bodyLength() { return (long) count * rows * cols; }

    String claim() { return count + " images of " + rows + "x" + cols; }
  }

  private IdxReader() {}

  /** Images from a local path or a Hadoop URI (file://, hdfs://, s3a://, ...). */
  public static Images readImages(String location) { return readImages(Location.of(location)); }

  /** Labels from a local path or a Hadoop URI. */
  public static byte[] readLabels(String location) { return readLabels(Location.of(location)); }

  /** Images and their labels, which must be as many as the images. */
  public static Dataset readDataset(String imagesLocation, String labelsLocation) {
    return readDataset(Location.of(imagesLocation), Location.of(labelsLocation));
  }

  /**
   * Images from a stream of {@code size} bytes (-1 if unknown), named {@code name} in errors.
   * Closes the stream.
   */
  public static Images readImages(InputStream in, long size, String name) {
    try (IdxInput idx = IdxInput.open(in, size, name)) {
      ImagesHeader h = imagesHeader(idx, name);
      byte[] pixels = idx.readBody(h.bodyLength(), h.claim());
      return new Images(h.count(), h.rows(), h.cols(), pixels);
    } catch (IOException e) {
      throw readFailure(name, e);
    }
  }

  /** Labels from a stream of {@code size} bytes (-1 if unknown), named in errors. Closes the stream. */
  public static byte[] readLabels(InputStream in, long size, String name) {
    try (IdxInput idx = IdxInput.open(in, size, name)) {
      int count = labelsHeader(idx, name);
      return idx.readBody(count, labelsClaim(count));
    } catch (IOException e) {
      throw readFailure(name, e);
    }
  }

  static Images readImages(Location location) {
    Location.Opened file = location.open();
    return readImages(file.in(), file.size(), location.name());
  }

  static byte[] readLabels(Location location) {
    Location.Opened file = location.open();
    return readLabels(file.in(), file.size(), location.name());
  }

  static Dataset readDataset(Location imagesLocation, Location labelsLocation) {
    Images images = readImages(imagesLocation);
    byte[] labels = readLabels(labelsLocation);
    checkSameCount(imagesLocation, images.count(), labelsLocation, labels.length);
    return new Dataset(images.rows(), images.cols(), images.pixels(), labels);
  }

  /** Reads and checks an images header (magic, count, rows, cols); the body is next. */
  static ImagesHeader imagesHeader(IdxInput idx, String name) throws IOException {
    expectMagic(idx.readInt("magic number"), Idx.IMAGES_MAGIC, name);
    int count = checkCount(idx.readInt("image count"), name);
    int rows = idx.readInt("row count");
    int cols = idx.readInt("column count");
    if (rows <= 0 || cols <= 0) {
      throw new DataError(name + ": the header says images are " + rows + "x" + cols
          + ", but rows and columns must be positive: the file is corrupt or not an IDX images file");
    }
    if (count > 0 && (long) rows * cols > (Long.MAX_VALUE - Idx.IMAGES_HEADER_BYTES) / count) {
      // count*rows*cols would overflow a long (and read as a small or negative body length)
      throw new DataError(name + ": the header claims " + count + " images of " + rows + "x" + cols
          + ", more bytes than any file holds: the file is corrupt or not an IDX images file");
    }
    return new ImagesHeader(count, rows, cols);
  }

  /** Reads and checks a labels header (magic, count); returns the count, the body is next. */
  static int labelsHeader(IdxInput idx, String name) throws IOException {
    expectMagic(idx.readInt("magic number"), Idx.LABELS_MAGIC, name);
    return checkCount(idx.readInt("label count"), name);
  }

  static String labelsClaim(int count) { return count + " labels"; }

  static void checkSameCount(Location images, int imageCount, Location labels, int labelCount) {
    if (imageCount != labelCount) {
      throw new DataError("images file " + images.name() + " holds " + imageCount
          + " images but labels file " + labels.name() + " holds " + labelCount
          + " labels: use the labels file that belongs to these images");
    }
  }

  private static void expectMagic(int found, int expected, String name) {
    if (found != expected) {
      throw new DataError(name + ": wrong magic number: expected " + Idx.describeMagic(expected)
          + ", found " + Idx.describeMagic(found) + ": pass the "
          + (expected == Idx.IMAGES_MAGIC ? "images" : "labels") + " file here");
    }
  }

  /** A count with the sign bit set would be a claim of 2^31 or more items. */
  private static int checkCount(int count, String name) {
    if (count < 0) {
      throw new DataError(name + ": the header claims " + Integer.toUnsignedString(count)
          + " items, more than 2^31-1: the file is corrupt or not an IDX file");
    }
    return count;
  }

  static DataError readFailure(String name, IOException e) {
    if (e instanceof ZipException) {
      return new DataError(name + ": not valid gzip data (" + e.getMessage() + "): download or write it again", e);
    }
    if (e instanceof EOFException) {
      String detail = e.getMessage() == null ? "unexpected end of the gzip stream" : e.getMessage();
      return new DataError(name + ": the gzip data is cut short (" + detail + "): download or write it again", e);
    }
    return new DataError(name + ": read failed (" + e + "): check the file and the connection to it", e);
  }
}
