package org.nndl.run;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import org.apache.hadoop.fs.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.function.Supplier;
import org.apache.spark.api.java.JavaSparkContext;
import org.nndl.cache.CachedSet;
import org.nndl.error.ExitCode;
import org.nndl.error.UserError;
import org.nndl.eval.Confusion;
import org.nndl.metrics.EpochMetrics;
import org.nndl.metrics.Warehouse;
import org.nndl.net.NetworkSpec;
import org.nndl.plot.Curves;
import org.nndl.plot.RunCurve;
import org.nndl.report.RunReport;

/**
 * What a finished run leaves beside its model: curves.png drawn from the metrics table and
 * report.html. The files that could not be made are returned, each with its reason: train warns
 * (the model and the metrics are already saved), report fails.
 */
public final class RunPictures {
  /** Misclassified test digits shown in the report. */
  private static final int WRONG_SHOWN = 24;

  private RunPictures() {}

  /** A picture that could not be made: its file and why. */
  public record Missing(Path file, RuntimeException why) {
    /** One line naming the file and the reason. */
    public String line() { return "no " + file + ": " + ExitCode.message(why); }
  }

  public static Path reportFile(Warehouse wh, String id) { return new Path(wh.runDir(id), "report.html"); }

  /**
   * Writes curves.png (of curve, got here so that a failure to get it is a missing picture too) and
   * report.html; returns the files it could not make (none when both were written).
   */
  public static List<Missing> write(JavaSparkContext sc, Warehouse wh, String id, NetworkSpec spec,
      LinkedHashMap<String, Object> settings, List<EpochMetrics> epochs, Supplier<RunCurve> curve, CachedSet test,
      double[] params) {
    List<Missing> missing = new ArrayList<>();
    byte[] curves = null;
    try {
      curves = Curves.writeRunCurves(wh, curve.get());
    } catch (RuntimeException e) {
      missing.add(new Missing(Curves.runFile(wh, id), e));
    }
    Path report = reportFile(wh, id);
    try {
      Confusion confusion = Confusion.of(sc, test, spec, params, WRONG_SHOWN);
      int in = spec.layout().inputSize();
      int side = (int) Math.round(Math.sqrt(in));
      int rows = side * side == in ? side : 1;  // square images as MNIST's; otherwise one row of pixels
      String html = RunReport.html("nndl-spark run " + id, settings, epochs, curves, confusion, rows, in / rows);
      wh.writeAtomically(report, html.getBytes(StandardCharsets.UTF_8));
    } catch (UncheckedIOException e) {  // the warehouse's message: the file, the reason, what to check
      missing.add(new Missing(report, new UserError(e.getMessage(), e)));
    } catch (IOException e) {
      missing.add(new Missing(report, new UserError("cannot make " + report + ": " + e.getMessage(), e)));
    } catch (RuntimeException e) {
      missing.add(new Missing(report, e));
    }
    return missing;
  }
}
