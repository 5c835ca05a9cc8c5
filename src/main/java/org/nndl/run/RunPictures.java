package org.nndl.run;

import java.nio.charset.StandardCharsets;
import org.apache.hadoop.fs.Path;
import java.util.LinkedHashMap;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.nndl.cache.CachedSet;
import org.nndl.error.ExitCode;
import org.nndl.eval.Confusion;
import org.nndl.metrics.EpochMetrics;
import org.nndl.metrics.Warehouse;
import org.nndl.net.NetworkSpec;
import org.nndl.plot.Curves;
import org.nndl.report.RunReport;

/**
 * What a finished run leaves beside its model: curves.png drawn from the metrics table and
 * report.html. A picture that cannot be made is a warning, never a failed run: the model and
 * the metrics are already saved.
 */
public final class RunPictures {
  /** Misclassified test digits shown in the report. */
  private static final int WRONG_SHOWN = 24;

  private RunPictures() {}

  public static Path reportFile(Warehouse wh, String id) { return new Path(wh.runDir(id), "report.html"); }

  public static void write(SparkSession spark, JavaSparkContext sc, Warehouse wh, String id, NetworkSpec spec,
      LinkedHashMap<String, Object> settings, List<EpochMetrics> epochs, CachedSet test, double[] params) {
    byte[] curves = null;
    try {
      curves = Curves.writeRunCurves(spark, wh, id);
    } catch (RuntimeException e) {
      System.err.println("warning: no curves.png for run " + id + ": " + ExitCode.message(e));
    }
    try {
      Confusion confusion = Confusion.of(sc, test, spec, params, WRONG_SHOWN);
      int in = spec.layout().inputSize();
      int side = (int) Math.round(Math.sqrt(in));
      int rows = side * side == in ? side : 1;  // square images as MNIST's; otherwise one row of pixels
      String html = RunReport.html("nndl-spark run " + id, settings, epochs, curves, confusion, rows, in / rows);
      wh.writeAtomically(reportFile(wh, id), html.getBytes(StandardCharsets.UTF_8));
    } catch (Exception e) {
      System.err.println("warning: no report.html for run " + id + ": " + ExitCode.message(e));
    }
  }
}
