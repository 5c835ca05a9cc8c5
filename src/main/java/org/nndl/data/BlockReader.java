package org.nndl.data;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * Reads samples {@code skip+first .. skip+end-1} of an images file and its labels file into Blocks
 * of at most blockSize samples, numbered from 0 at sample {@code skip}, one block at a time, on
 * an executor: either a byte range of raw files ({@link #range}) or a stream read from its start
 * (gzip, class-path resources: {@link #stream}).
 */
final class BlockReader implements Iterator<Block>, Closeable {

  /** The body of one file from the reader's first sample on; IO failures become DataErrors naming it. */
  interface Body extends Closeable {
    void read(byte[] into, int len);

    /** Called once every wanted sample has been read. */
    default void finish() {}

    @Override void close();
  }

  private final Body pixels;
  private final Body labels;
  private final int rows;
  private final int cols;
  private final int end;
  private final int blockSize;
  private int next;

  private BlockReader(Body pixels, Body labels, IdxHeaders h, int first, int end, int blockSize) {
    this.pixels = pixels;
    this.labels = labels;
    this.rows = h.rows();
    this.cols = h.cols();
    this.next = first;
    this.end = end;
    this.blockSize = blockSize;
  }

  /** Samples skip+first..skip+end-1 of two raw files whose headers the driver checked, by seeking to them. */
  static BlockReader range(Location images, Location labels, IdxHeaders h, int skip, int first, int end, int blockSize) {
    long at = (long) skip + first;
    Body px = rangeBody(images, h.imagesFileSize(), Idx.IMAGES_HEADER_BYTES + at * h.inputSize());
    try {
      Body lb = rangeBody(labels, h.labelsFileSize(), Idx.LABELS_HEADER_BYTES + at);
      return new BlockReader(px, lb, h, first, end, blockSize);
    } catch (RuntimeException e) {
      px.close();
      throw e;
    }
  }

  /**
   * Samples skip..skip+n-1 of two files read from their start (gzip or raw; the first skip are
   * read and dropped), with every check {@link IdxReader} makes; the end of the data is checked
   * only when the wanted samples run to it.
   */
  static BlockReader stream(Location images, Location labels, IdxHeaders h, int skip, int n, int blockSize) {
    boolean toEnd = (long) skip + n == h.count();
    Body px = streamBody(images, h, true, toEnd);
    Body lb = null;
    try {
      lb = streamBody(labels, h, false, toEnd);
      BlockReader reader = new BlockReader(px, lb, h, 0, n, blockSize);
      reader.drop(skip);
      return reader;
    } catch (RuntimeException | Error e) {  // a damaged file found while skipping: both files are closed
      px.close();
      if (lb != null) lb.close();
      throw e;
    }
  }

  /** Reads and discards count samples. */
  private void drop(int count) {
    int chunk = Math.max(1, Math.min(count, blockSize));
    byte[] px = new byte[chunk * rows * cols];
    byte[] lb = new byte[chunk];
    for (int left = count; left > 0; left -= chunk) {
      int k = Math.min(chunk, left);
      pixels.read(px, k * rows * cols);
      labels.read(lb, k);
    }
  }

  @Override public boolean hasNext() { return next < end; }

  @Override public Block next() {
    if (next >= end) throw new NoSuchElementException();
    int count = Math.min(blockSize, end - next);
    byte[] px = new byte[count * rows * cols];
    byte[] lb = new byte[count];
    pixels.read(px, px.length);
    labels.read(lb, lb.length);
    Block block = new Block(next, count, rows, cols, px, lb);
    next += count;
    if (next == end) {
      pixels.finish();
      labels.finish();
      close();
    }
    return block;
  }

  @Override public void close() {
    try {
      pixels.close();
    } finally {
      labels.close();
    }
  }

  private static Body rangeBody(Location file, long expectedSize, long offset) {
    Location.Opened opened = file.openAt(offset);
    InputStream in = opened.in();
    if (opened.size() != expectedSize) {
      closeQuietly(in);
      throw changed(file, "it has " + opened.size() + " bytes, its header said " + expectedSize);
    }
    return new Body() {
      @Override public void read(byte[] into, int len) {
        try {
          if (in.readNBytes(into, 0, len) < len) throw changed(file, "it ends early");
        } catch (IOException e) {
          throw IdxReader.readFailure(file.name(), e);
        }
      }

      @Override public void close() { closeQuietly(in); }
    };
  }

  private static Body streamBody(Location file, IdxHeaders h, boolean images, boolean checkEnd) {
    Location.Opened opened = file.open();
    IdxInput idx;
    try {
      idx = IdxInput.open(opened.in(), opened.size(), file.name());
    } catch (IOException e) {
      closeQuietly(opened.in());
      throw IdxReader.readFailure(file.name(), e);
    }
    try {
      if (images) {
        IdxReader.ImagesHeader found = IdxReader.imagesHeader(idx, file.name());
        if (!found.equals(new IdxReader.ImagesHeader(h.count(), h.rows(), h.cols()))) {
          throw changed(file, "its header now says " + found.claim());
        }
        idx.startBody(found.bodyLength(), found.claim());
      } else {
        int count = IdxReader.labelsHeader(idx, file.name());
        if (count != h.count()) throw changed(file, "its header now says " + IdxReader.labelsClaim(count));
        idx.startBody(count, IdxReader.labelsClaim(count));
      }
    } catch (IOException | RuntimeException e) {
      closeQuietly(idx);
      throw e instanceof IOException io ? IdxReader.readFailure(file.name(), io) : (RuntimeException) e;
    }
    return new Body() {
      @Override public void read(byte[] into, int len) {
        try {
          idx.readBodyPart(into, len);
        } catch (IOException e) {
          throw IdxReader.readFailure(file.name(), e);
        }
      }

      @Override public void finish() {
        if (!checkEnd) return;
        try {
          idx.expectEnd();
        } catch (IOException e) {
          throw IdxReader.readFailure(file.name(), e);
        }
      }

      @Override public void close() { closeQuietly(idx); }
    };
  }

  private static DataError changed(Location file, String how) {
    return new DataError(file.name() + ": changed while being read (" + how
        + "): do not rewrite the data files during a run");
  }

  private static void closeQuietly(Closeable c) {
    try {
      c.close();
    } catch (IOException ignored) {
      // nothing more to learn: the data was read or the read already failed
    }
  }
}
