package org.nndl.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A file or directory named by a local path, a Hadoop FileSystem URI or a class-path folder, so
 * that every data source reads through the same checks and names the file the same way in errors.
 * Serializable so that executors can open the same file ({@link DistributedIdx}).
 */
interface Location extends Serializable {

  /** A scheme of two or more letters, so that a Windows drive letter ("C:") stays a local path. */
  Pattern URI_SCHEME = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]+:");

  /**
   * A local path, a Hadoop URI (file://, hdfs://, s3a://, ...) when the text has a scheme, or a
   * class-path resource when it starts with "classpath:" (what {@link ResourceLocation#name} gives).
   */
  static Location of(String text) {
    if (text.startsWith(ResourceLocation.PREFIX)) {
      return new ResourceLocation(text.substring(ResourceLocation.PREFIX.length()));
    }
    return URI_SCHEME.matcher(text).find() ? new HadoopLocation(text) : new LocalLocation(text);
  }

  /** An open stream and its size in bytes, or -1 when the size is unknown. */
  record Opened(InputStream in, long size) {}

  /** How the location reads in error messages. */
  String name();

  Location child(String fileName);

  boolean isFile();

  boolean isDirectory();

  /** Opens a regular, non-empty file, or throws a DataError naming it and what to do. */
  Opened open();

  /** Like {@link #open}, positioned at byte {@code offset}; files that can seek override this. */
  default Opened openAt(long offset) {
    Opened file = open();
    try {
      file.in().skipNBytes(offset);
      return file;
    } catch (IOException e) {
      try { file.in().close(); } catch (IOException ignored) { /* the skip failure is the news */ }
      throw new DataError(name() + ": cannot skip to byte " + offset + " (" + e + "): check the file", e);
    }
  }

  /**
   * Where the file's bytes are stored, for a file system that spreads a file over machines (HDFS):
   * each stored block's byte range and the hosts holding a copy. Empty where every executor reads
   * the file alike (a local disk, a class-path resource, object storage) or when it is not known.
   */
  default List<StoredBlock> storedBlocks() { return List.of(); }

  /** Bytes {@code offset .. offset+length-1} of a file, stored on each of hosts. */
  record StoredBlock(long offset, long length, List<String> hosts) implements Serializable {}

  /** The same file named so that another process (an executor) finds it: local paths made absolute. */
  default Location absolute() { return this; }
}
