package org.nndl.data;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;

/**
 * The data of one IDX file, gunzipped when it starts with gzip's magic bytes, read so that a header
 * that lies about its size can never make the reader allocate more than the file really holds.
 */
final class IdxInput implements Closeable {
  private static final int BUFFER = 1 << 16;
  /** The first buffer for gzip data, whose real size is unknown until it has been read. */
  private static final int FIRST_CHUNK = 1 << 20;

  private final InputStream in;
  private final String name;
  /** Bytes in the (raw) file when known in advance, else -1 (gzip, or a stream of unknown size). */
  private final long knownSize;
  private final boolean gzip;
  private long consumed;
  /** Set by {@link #startBody}: where the body starts, how long the header says it is, and the claim. */
  private long bodyStart = -1;
  private long bodyLength;
  private String claim;

  private IdxInput(InputStream in, String name, long knownSize, boolean gzip) {
    this.in = in;
    this.name = name;
    this.knownSize = knownSize;
    this.gzip = gzip;
  }

  /** Wraps a file's stream of {@code size} bytes (-1 if unknown); closing this closes it. */
  static IdxInput open(InputStream raw, long size, String name) throws IOException {
    BufferedInputStream buffered = new BufferedInputStream(raw, BUFFER);
    buffered.mark(2);
    int b0 = buffered.read();
    int b1 = buffered.read();
    buffered.reset();
    if (b0 < 0) {
      buffered.close();
      throw new DataError(name + ": file is empty: download or write it again");
    }
    boolean gzip = b0 == 0x1f && b1 == 0x8b;
    InputStream data = buffered;
    if (gzip) {
      try {
        data = new GZIPInputStream(buffered, BUFFER);
      } catch (IOException | RuntimeException e) {
        buffered.close(); // a gzip header that cannot be read must not leave the file open
        throw e;
      }
    }
    return new IdxInput(data, name, gzip ? -1 : size, gzip);
  }

  /** Whether the file is gzipped (then it cannot be split by byte ranges). */
  boolean gzip() { return gzip; }

  /**
   * Begins the {@code length} data bytes the header promises (described by {@code claim}, e.g.
   * "60000 images of 28x28"): fails now unless a file of known size holds exactly that many.
   */
  void startBody(long length, String claim) {
    this.bodyStart = consumed;
    this.bodyLength = length;
    this.claim = claim;
    if (knownSize >= 0) checkAgainstFileSize(consumed + length, claim);
  }

  /** The next {@code len} body bytes into {@code into}, failing if the data stops first. */
  void readBodyPart(byte[] into, int len) throws IOException {
    int got = in.readNBytes(into, 0, len);
    consumed += got;
    if (got < len) throw truncated(consumed);
  }

  /** Fails if data goes on past the body the header promised (call after reading all of it). */
  void expectEnd() throws IOException {
    if (in.read() >= 0) {
      throw new DataError(name + ": the data goes on past the " + (bodyStart + bodyLength)
          + " bytes the header promises (" + claim + "): the file is corrupt or not an IDX file");
    }
  }

  private DataError truncated(long endedAfter) {
    return new DataError(name + ": truncated: the header promises " + claim + " = " + (bodyStart + bodyLength)
        + " bytes" + (knownSize < 0 ? " of data" : "") + ", but the data ends after "
        + endedAfter + " bytes: download or write it again");
  }

  /** A big-endian int32 of the header. */
  int readInt(String field) throws IOException {
    byte[] b = in.readNBytes(4);
    if (b.length < 4) {
      throw new DataError(name + ": ends inside the IDX header, after " + (consumed + b.length)
          + " bytes, while reading the " + field + ": the file is truncated or not an IDX file");
    }
    consumed += 4;
    return (b[0] & 0xff) << 24 | (b[1] & 0xff) << 16 | (b[2] & 0xff) << 8 | (b[3] & 0xff);
  }

  /** The whole body the header promises (see {@link #startBody}), failing unless exactly that many follow. */
  byte[] readBody(long length, String claim) throws IOException {
    startBody(length, claim);
    if (length > Idx.MAX_ARRAY) {
      throw new DataError(name + ": the header promises " + claim + " = " + length
          + " bytes, more than one Java array holds (" + Idx.MAX_ARRAY + "): use a smaller file");
    }
    byte[] body = knownSize >= 0 ? new byte[(int) length] : new byte[(int) Math.min(length, FIRST_CHUNK)];
    int got = 0;
    while (got < length) {
      if (got == body.length) body = Arrays.copyOf(body, (int) Math.min(length, 2L * body.length));
      int n = in.read(body, got, body.length - got);
      if (n < 0) break;
      got += n;
    }
    if (got < length) throw truncated(consumed + got);
    expectEnd();
    return body;
  }

  /** Compares the header's claim with the real size before anything of the claimed size exists. */
  private void checkAgainstFileSize(long total, String claim) {
    if (knownSize < total) {
      throw new DataError(name + ": truncated: the header promises " + claim + " = " + total
          + " bytes, but the file has " + knownSize + ": download or write it again");
    }
    if (knownSize > total) {
      throw new DataError(name + ": " + (knownSize - total) + " bytes of trailing garbage after the "
          + total + " bytes the header promises (" + claim + "): the file is corrupt or not an IDX file");
    }
  }

  @Override public void close() throws IOException { in.close(); }
}
