package org.nndl.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import org.nndl.data.Sessions;
import org.nndl.error.UserError;
import org.nndl.metrics.Warehouse;
import org.nndl.plot.CurveLoader;
import org.nndl.plot.Curves;
import org.nndl.plot.RunCurve;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code plot}: accuracy and cost curves of runs as a PNG, drawn from the metrics table on a
 * local Spark (no cluster needed), so the picture shows exactly what {@code query} returns.
 */
@Command(name = "plot", mixinStandardHelpOptions = true,
    description = "Draw accuracy and cost over epochs of one run, or several overlaid, as a PNG.")
final class PlotCommand implements Callable<Integer> {
  @Mixin WarehouseOption warehouse;
  @Option(names = "--runs", split = ",", paramLabel = "ID",
      description = "run ids, e.g. --runs a,b,c")
  List<String> runs;
  @Option(names = "--where", paramLabel = "CONDITION",
      description = "SQL condition on the runs table, e.g. \"lambda > 0\"")
  String where;
  @Option(names = "--out", paramLabel = "FILE",
      description = "PNG to write (default: RUN_FOLDER/curves.png for one run, ./plot.png for several)")
  Path out;

  @Override
  public Integer call() {
    if ((runs == null) == (where == null)) {
      throw new UserError("pass either --runs ID[,ID...] or --where CONDITION"
          + " (see ./submit plot --help)");
    }
    Warehouse wh = warehouse.open();
    SparkSession spark = Sessions.getOrCreate("nndl-spark plot");
    CurveLoader loader = new CurveLoader(spark, wh);
    List<RunCurve> curves = runs != null ? loader.byIds(runs) : loader.where(where);
    if (out == null && curves.size() == 1) {  // into the run's folder, on the warehouse's file system
      wh.requireOwner(curves.get(0).runId(), "draw curves.png into its folder");
      org.apache.hadoop.fs.Path file = Curves.runFile(wh, curves.get(0).runId());
      wh.writeAtomically(file, Curves.png(curves));
      System.out.println(wh.show(file));
      return 0;
    }
    System.out.println(Curves.write(curves, out != null ? out : Path.of("plot.png")));
    return 0;
  }
}
