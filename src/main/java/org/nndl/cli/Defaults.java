package org.nndl.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import picocli.CommandLine.PropertiesDefaultProvider;

/**
 * The job's default settings, read from {@code conf/nndl.properties}: the file named by the system
 * property {@code nndl.defaults} (set by {@code submit}, so edits apply at once), else the copy
 * bundled in the jar (so a cluster-mode driver without the repo has the same defaults).
 */
final class Defaults {
  static final String PROPERTY = "nndl.defaults";
  static final String RESOURCE = "/nndl.properties";

  private Defaults() {}

  static PropertiesDefaultProvider load() {
    Properties p = new Properties();
    String file = System.getProperty(PROPERTY);
    try {
      if (file != null && Files.isRegularFile(Path.of(file))) {
        try (Reader r = Files.newBufferedReader(Path.of(file))) { p.load(r); }
      } else {
        try (InputStream in = Defaults.class.getResourceAsStream(RESOURCE)) {
          if (in != null) p.load(in);
        }
      }
    } catch (IOException e) {
      throw new IllegalStateException("cannot read the defaults file " + file + ": " + e.getMessage(), e);
    }
    return new PropertiesDefaultProvider(p);
  }
}
