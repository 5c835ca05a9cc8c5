package org.nndl.cli;

import java.nio.file.Path;
import org.nndl.metrics.Warehouse;
import picocli.CommandLine.Option;

/** {@code --warehouse}, shared by every command that reads or writes runs. */
final class WarehouseOption {
  @Option(names = "--warehouse",
      description = "folder of the metrics, runs and evaluations tables and of each run's files (default: ${DEFAULT-VALUE})")
  Path path;

  Warehouse open() { return new Warehouse(path); }
}
