package org.nndl.cli;

import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import org.nndl.data.Sessions;
import org.nndl.metrics.Query;
import org.nndl.metrics.ResultFormat;
import org.nndl.metrics.ResultPrinter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code query}: SQL over every run's metrics and settings, on a local Spark (no cluster needed). */
@Command(name = "query", mixinStandardHelpOptions = true,
    description = "Run SQL over the warehouse's tables `metrics` (one row per run and epoch), `runs` (one row per run)"
        + " and `evaluations` (one row per ./submit evaluate).")
final class QueryCommand implements Callable<Integer> {
  @Mixin WarehouseOption warehouse;
  @Option(names = "--format", description = "table | csv | json (default: ${DEFAULT-VALUE})")
  String format;
  @Parameters(paramLabel = "SQL", description = "e.g. \"SELECT run_id, max(test_accuracy) FROM metrics GROUP BY run_id\"")
  String sql;

  @Override
  public Integer call() {
    ResultFormat f = ResultFormat.parse(format);
    SparkSession spark = Sessions.getOrCreate("nndl-spark query");
    ResultPrinter.print(Query.run(spark, warehouse.open(), sql), f, System.out);
    return 0;
  }
}
