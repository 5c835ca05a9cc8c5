package org.nndl.train;

import java.util.function.BiFunction;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.nndl.cache.CachedSet;
import org.nndl.cache.DataChecks;
import org.nndl.data.DataError;
import org.nndl.data.DistributedSet;
import org.nndl.data.FrameReader;

/**
 * The one reader of DataFrames into a run's cached sets, for {@code ./submit train}'s
 * libsvm:/csv:/parquet: data ({@link FrameSets}) and the estimator's fit: the training rows read
 * first over the evaluation partitions (every row checked; the set's size, width and largest label
 * known), the run's settings for that width and those classes, their plan, the training rows read
 * again only when the plan wants them on other partitions, then the held-out rows (test or
 * validation) over the evaluation partitions.
 */
public final class FrameRead {
  private FrameRead() {}

  /**
   * The rows to read, each feature multiplied by scale.
   *
   * @param heldOut the held-out rows, or null for none
   * @param heldName the held-out set's name in messages ("test", "validation")
   * @param noTrain what to do when there are no training rows (said after "the training set is empty: ")
   * @param noHeld the same for the held-out rows, or null when there may be none (then no held-out set)
   */
  public record Parts(Dataset<Row> train, FrameReader.Columns trainCols, Dataset<Row> heldOut, FrameReader.Columns heldCols,
      double scale, String heldName, String noTrain, String noHeld) {}

  /**
   * What was read, the caller's to close: {@code first} holds the training rows over the evaluation
   * partitions, and is {@code train} itself when the plan keeps them there.
   */
  public record Sets(CachedSet first, CachedSet train, CachedSet heldOut, TrainSettings settings, Plan plan)
      implements AutoCloseable {
    @Override public void close() {
      first.close();
      if (train != null && train != first) train.close();
      if (heldOut != null) heldOut.close();
    }
  }

  /**
   * Reads parts for a run whose settings, for features wide and classes outputs, settings gives.
   *
   * @param classes the classes the data declares, or 0: the training rows' largest label + 1
   * @param partitions the partitions asked for (TrainSettings' partitions: AUTO, 0 or a count); the
   *     first read is over the plan's evaluation partitions, a positive count or every core
   */
  public static Sets read(JavaSparkContext sc, Parts parts, int classes, int partitions,
      BiFunction<Integer, Integer, TrainSettings> settings) {
    int eval = partitions > 0 ? partitions : sc.defaultParallelism();
    DistributedSet rows = load(parts.train(), parts.trainCols(), parts, classes, eval, "training", parts.noTrain());
    CachedSet first = CachedSet.of(rows);
    CachedSet train = null;
    try {
      DistributedSet.MaxLabel max = rows.maxLabel();  // over the cached blocks
      TrainSettings s = settings.apply(rows.inputSize(), classes > 0 ? classes : max.value() + 1);
      DataChecks.shape(s.spec(), rows.rows(), rows.cols(), rows.size(), "training");
      DataChecks.label(s.spec(), max.value(), max.sample(), "training");
      Plan plan = TrainingSets.plan(sc, s, first.size());
      train = plan.trainPartitions() == first.partitions() ? first
          : cached(s, load(parts.train(), parts.trainCols(), parts, s.spec().layout().outputSize(), plan.trainPartitions(),
              "training", parts.noTrain()), "training");
      DistributedSet held = parts.heldOut() == null ? null : load(parts.heldOut(), parts.heldCols(), parts,
          s.spec().layout().outputSize(), plan.evalPartitions(), parts.heldName(), parts.noHeld());
      return new Sets(first, train, held == null || held.size() == 0 ? null : cached(s, held, parts.heldName()), s, plan);
    } catch (RuntimeException e) {
      first.close();
      if (train != null && train != first) train.close();
      throw e;
    }
  }

  /** The rows read and checked (a bad row named by its place), refused when there are none unless whenEmpty is null. */
  private static DistributedSet load(Dataset<Row> rows, FrameReader.Columns cols, Parts parts, int classes, int partitions,
      String name, String whenEmpty) {
    DistributedSet set = FrameReader.load(rows, cols, parts.scale(), classes, partitions, CachedSet::blockSize, name);
    if (set.size() == 0 && whenEmpty != null) throw new DataError("the " + name + " set is empty: " + whenEmpty);
    return set;
  }

  private static CachedSet cached(TrainSettings s, DistributedSet set, String name) {
    return TrainingSets.cached(s.spec(), set, name);
  }
}
