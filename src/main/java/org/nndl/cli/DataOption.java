package org.nndl.cli;

import picocli.CommandLine.Option;

/** {@code --data}, shared by every command that reads a data set (train, sweep, evaluate). */
final class DataOption {
  @Option(names = "--data",
      description = "sample (bundled digits), mnist, or a folder/URI with the four MNIST files (default: ${DEFAULT-VALUE})")
  String data;
}
