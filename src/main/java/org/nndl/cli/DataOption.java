package org.nndl.cli;

import picocli.CommandLine.Option;

/** {@code --data}, shared by every command that reads a data set (train, sweep, evaluate). */
final class DataOption {
  @Option(names = "--data",
      description = "sample (bundled digits), mnist, a folder/URI with the four MNIST files, or (train, sweep)"
          + " libsvm:PATH, csv:PATH, parquet:PATH, PATH any Hadoop URI (default: ${DEFAULT-VALUE})")
  String data;
}
