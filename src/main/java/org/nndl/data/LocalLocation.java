package org.nndl.data;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** A file on the local disk; read without Hadoop so that local runs start fast. */
final class LocalLocation implements Location {
  private final Path path;

  LocalLocation(String text) { this(Path.of(text)); }

  LocalLocation(Path path) { this.path = path; }

  @Override public String name() { return path.toString(); }

  @Override public Location child(String fileName) { return new LocalLocation(path.resolve(fileName)); }

  @Override public boolean isFile() { return Files.isRegularFile(path); }

  @Override public boolean isDirectory() { return Files.isDirectory(path); }

  @Override public Opened open() {
    if (Files.isDirectory(path)) {
      throw new DataError(name() + ": is a directory, expected an IDX file: name the file itself");
    }
    if (!Files.exists(path)) throw new DataError(name() + ": no such file: check the path");
    if (!Files.isReadable(path)) {
      throw new DataError(name() + ": cannot be read (permission denied): check its permissions");
    }
    try {
      long size = Files.size(path);
      if (size == 0) throw new DataError(name() + ": file is empty: download or write it again");
      InputStream in = Files.newInputStream(path);
      return new Opened(in, size);
    } catch (IOException e) {
      throw new DataError(name() + ": cannot be read (" + e + "): check the file and its permissions", e);
    }
  }

  @Override public String toString() { return name(); }
}
