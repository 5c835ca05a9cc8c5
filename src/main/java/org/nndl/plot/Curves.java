package org.nndl.plot;

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
   * Draws one run's curves into {@code RUN_DIR/curves.png}, replacing any earlier picture.
   *
   * @return the file written
   * @throws MetricsError if the run is unknown or has no finished epoch
   */
  public static Path writeRunCurves(SparkSession spark, Warehouse wh, String runId) {
    return writeRunCurves(wh, new CurveLoader(spark, wh).byIds(List.of(runId)).get(0));
  }

  /** Draws a run's curve, however obtained, into {@code RUN_DIR/curves.png}; returns the file written. */
  public static Path writeRunCurves(Warehouse wh, RunCurve run) {
    return write(List.of(run), wh.runDir(run.runId()).resolve(RUN_FILE));
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
    CurvesChart.Rendered r = CurvesChart.render(runs);
    Path tmp = null;
    try {
      Path dir = target.getParent();
      Files.createDirectories(dir);
      tmp = Files.createTempFile(dir, "." + target.getFileName(), ".tmp");
      if (!ImageIO.write(r.image(), "png", tmp.toFile())) {
        throw new IOException("no PNG writer in this Java runtime");
      }
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
