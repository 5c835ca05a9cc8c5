package org.nndl.data;

import java.io.InputStream;

/** A file among this jar's class-path resources, which is how the bundled sample ships. */
final class ResourceLocation implements Location {
  /** How resource names start, so that {@link Location#of} reads them back. */
  static final String PREFIX = "classpath:";
  /** Absolute resource path without the leading slash, e.g. "org/nndl/data/sample". */
  private final String path;

  ResourceLocation(String path) { this.path = path; }

  @Override public String name() { return PREFIX + path; }

  @Override public Location child(String fileName) { return new ResourceLocation(path + "/" + fileName); }

  @Override public boolean isFile() { return loader().getResource(path) != null; }

  /** Class-path folders cannot be told apart reliably inside jars; the sample folder is known to exist. */
  @Override public boolean isDirectory() { return true; }

  @Override public Opened open() {
    InputStream in = loader().getResourceAsStream(path);
    if (in == null) {
      throw new DataError(name() + ": missing from the class path: rebuild the jar (mvn package)");
    }
    return new Opened(in, -1);
  }

  private static ClassLoader loader() { return ResourceLocation.class.getClassLoader(); }

  @Override public String toString() { return name(); }
}
