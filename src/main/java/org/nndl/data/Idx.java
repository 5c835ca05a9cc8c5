package org.nndl.data;

/** Constants of the IDX format (http://yann.lecun.com/exdb/mnist/) shared by reader and writer. */
final class Idx {
  /** Unsigned-byte data (0x08) in three dimensions: count, rows, cols. */
  static final int IMAGES_MAGIC = 0x00000803;
  /** Unsigned-byte data (0x08) in one dimension: count. */
  static final int LABELS_MAGIC = 0x00000801;
  static final int IMAGES_HEADER_BYTES = 16;
  static final int LABELS_HEADER_BYTES = 8;
  /** The largest byte[] a JVM reliably allocates (a few header words under Integer.MAX_VALUE). */
  static final long MAX_ARRAY = Integer.MAX_VALUE - 8L;

  private Idx() {}

  static String describeMagic(int magic) {
    if (magic == IMAGES_MAGIC) return magic + " (IDX images)";
    if (magic == LABELS_MAGIC) return magic + " (IDX labels)";
    return magic + String.format(" (0x%08x, not IDX unsigned-byte data)", magic);
  }
}
