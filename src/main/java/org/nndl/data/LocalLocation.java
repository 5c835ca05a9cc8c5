package org.nndl.data;

import java.io.IOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;

/** A file on the local disk; read without Hadoop so that local runs start fast. */
final class LocalLocation implements Location {
  /** The path as text: java.nio's Path is not Serializable. */
  private final String text;

  LocalLocation(String text) { this(Path.of(text)); }

  LocalLocation(Path path) { this.text = path.toString(); }

  private Path path() { return Path.of(text); }

  @Override public String name() { return text; }

  @Override public Location child(String fileName) { return new LocalLocation(path().resolve(fileName)); }

  @Override public Location absolute() { return new LocalLocation(path().toAbsolutePath()); }

  @Override public boolean isFile() { return Files.isRegularFile(path()); }

  @Override public boolean isDirectory() { return Files.isDirectory(path()); }

  @Override public Opened open() { return openAt(0); }

  /** Positions a file channel: only the bytes from {@code offset} on are read. */
  @Override public Opened openAt(long offset) {
    Path path = path();
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
      FileChannel channel = FileChannel.open(path);
      if (offset > 0) channel.position(offset);
      return new Opened(Channels.newInputStream(channel), size);
    } catch (IOException e) {
      throw new DataError(name() + ": cannot be read (" + e + "): check the file and its permissions", e);
    }
  }

  @Override public String toString() { return name(); }
}
