package org.nndl.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --cache}, for the commands that may download data. */
final class CacheOption {
  @Option(names = "--cache", description = "where downloaded data is kept (default: ~/.cache/nndl-spark)")
  Path path;
}
