package org.nndl.data;

import java.io.InputStream;
import java.util.regex.Pattern;

/**
 * A file or directory named by a local path, a Hadoop FileSystem URI or a class-path folder, so
 * that every data source reads through the same checks and names the file the same way in errors.
 */
interface Location {

  /** A scheme of two or more letters, so that a Windows drive letter ("C:") stays a local path. */
  Pattern URI_SCHEME = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]+:");

  /** A local path, or a Hadoop URI (file://, hdfs://, s3a://, ...) when the text has a scheme. */
  static Location of(String text) {
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
}
