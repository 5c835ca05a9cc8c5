package org.nndl.plot;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import javax.imageio.ImageIO;
import org.apache.spark.sql.SparkSession;
import org.nndl.metrics.MetricsError;
import org.nndl.metrics.Warehouse;

/**
 * Pictures of runs as PNG files, drawn from the metrics table (see {@link CurveLoader}) so
 * that what a user sees and what SQL returns never disagree.
 */
public final class Curves {
  /** Name of the picture each run keeps in its run folder. */
  public static final String RUN_FILE = "curves.png";

  private Curves() {}

  /**
   * Draws one run's curves into {@code RUN_DIR/curves.png} (on the warehouse's file system),
   * replacing any earlier picture atomically.
   *
   * @return the PNG's bytes
   * @throws MetricsError if the run is unknown or has no finished epoch
   */
  public static byte[] writeRunCurves(SparkSession spark, Warehouse wh, String runId) {
    return writeRunCurves(wh, new CurveLoader(spark, wh).byIds(List.of(runId)).get(0));
  }

  /** Draws a run's curve, however obtained, into {@code RUN_DIR/curves.png}; returns the PNG's bytes. */
  public static byte[] writeRunCurves(Warehouse wh, RunCurve run) {
    byte[] png = png(List.of(run));
    wh.writeAtomically(runFile(wh, run.runId()), png);
    return png;
  }

  /** Where a run keeps its picture. */
  public static org.apache.hadoop.fs.Path runFile(Warehouse wh, String runId) {
    return new org.apache.hadoop.fs.Path(wh.runDir(runId), RUN_FILE);
  }

  /** Runs (one, or several overlaid) drawn as a PNG file's bytes. */
  public static byte[] png(List<RunCurve> runs) {
    CurvesChart.Rendered r = CurvesChart.render(runs);
    var out = new ByteArrayOutputStream();
    try {
      if (!ImageIO.write(r.image(), "png", out)) throw new IOException("no PNG writer in this Java runtime");
    } catch (IOException e) {
      throw new MetricsError("cannot draw the curves: " + e.getMessage(), e);
    }
    return out.toByteArray();
  }

  /**
   * Draws runs (one, or several overlaid) into a PNG file atomically: a reader sees the old
   * picture or the new one, never half of one.
   *
   * @return {@code file}
   * @throws MetricsError if the file cannot be written
   */
  public static Path write(List<RunCurve> runs, Path file) {
    Path target = file.toAbsolutePath().normalize();
    byte[] png = png(runs);
    Path tmp = null;
    try {
      Path dir = target.getParent();
      Files.createDirectories(dir);
      tmp = Files.createTempFile(dir, "." + target.getFileName(), ".tmp");
      Files.write(tmp, png);
      try {
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
      }
      return target;
    } catch (IOException e) {
      throw new MetricsError("cannot write " + target + ": " + e
          + "; check that its folder is writable or pass another --out", e);
    } finally {
      if (tmp != null) {
        try {
          Files.deleteIfExists(tmp);
        } catch (IOException ignored) {
          // a stray temp file is harmless
        }
      }
    }
  }
}
