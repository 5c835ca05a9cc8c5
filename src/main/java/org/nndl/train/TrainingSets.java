package org.nndl.train;

import java.nio.file.Path;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.nndl.cache.CachedSet;
import org.nndl.cache.DataChecks;
import org.nndl.error.UserError;
import org.nndl.train.parallel.SyncRule;
import org.nndl.data.DataError;
import org.nndl.data.DataSource;
import org.nndl.data.Dataset;
import org.nndl.data.DistributedIdx;
import org.nndl.data.DistributedSet;
import org.nndl.data.FrameSource;
import org.nndl.data.Sessions;
import org.nndl.data.TrainTest;
import org.nndl.net.NetworkSpec;

/**
 * The training, test and (with --validation N) validation sets of a run, cached on the executors
 * and checked against the network. The validation set is the last N samples of the training file
 * (as the book's 50,000/10,000 split of MNIST's 60,000), the training set the first
 * min(limit, total - N). The executors read the files themselves, so nothing the size of the
 * data passes through the driver; only files that exist on the driver alone (downloads into its
 * cache) on a real cluster are read by the driver and broadcast.
 *
 * @param validation null without --validation
 * @param plan how the sets are laid out (the training set's partitions may differ from the others'),
 *     or null for sets cached by the caller
 */
public record TrainingSets(CachedSet train, CachedSet test, CachedSet validation, Plan plan) implements AutoCloseable {

  /** Sets cached by the caller. */
  public TrainingSets(CachedSet train, CachedSet test, CachedSet validation) { this(train, test, validation, null); }

  /** The sets of --data: IDX files ({@link #open(JavaSparkContext, TrainSettings, Path)}), or a DataFrame source ({@link FrameSets}). */
  public static TrainingSets open(JavaSparkContext sc, TrainSettings s, FrameSets frames, Path cacheDir) {
    if (!FrameSource.isFrame(s.data())) return open(sc, s, cacheDir);
    return frames.open(Sessions.over(sc.sc()), s);
  }

  public static TrainingSets open(JavaSparkContext sc, TrainSettings s, Path cacheDir) {
    NetworkSpec spec = s.spec();
    int v = s.techniques().validation();
    DataSource.Sources src = DataSource.locate(s.data(), cacheDir);
    if (src.driverOnly() && !sc.isLocal()) return broadcast(sc, s, cacheDir);
    int total = DistributedIdx.count(src.trainImages(), src.trainLabels(), 0);
    int kept = trainingSize(total, v, s.trainLimit());
    Plan plan = plan(sc, s, kept);
    int partitions = plan.evalPartitions();
    CachedSet train = read(sc, spec, src.trainImages(), src.trainLabels(), plan.trainPartitions(), 0, kept, "training");
    CachedSet test = null;
    try {
      test = read(sc, spec, src.testImages(), src.testLabels(), partitions, 0, s.testLimit(), "test");
      CachedSet validation = v == 0 ? null
          : read(sc, spec, src.trainImages(), src.trainLabels(), partitions, total - v, v, "validation");
      return new TrainingSets(train, test, validation, plan);
    } catch (RuntimeException e) {
      train.close();
      if (test != null) test.close();
      throw e;
    }
  }

  /** The samples the training set keeps of a training file of total samples, v held out. */
  static int trainingSize(int total, int v, int limit) {
    if (v > 0 && v >= total) {
      throw new UserError("--validation " + v + ": the training file has only " + total
          + " samples and some must be left for training: hold out fewer");
    }
    return limit > 0 ? Math.min(limit, total - v) : total - v;
  }

  /** The plan for a training set of n samples on this Spark context. */
  public static Plan plan(JavaSparkContext sc, TrainSettings s, int n) {
    if (s.syncEvery() == TrainSettings.SYNC_AUTO) {
      return Plan.parallel(cluster(sc), n, s.sizes()[0] + 1, s.partitions(), SyncRule.auto(s.partitions(), s.batchSize(), s.eta()));
    }
    return Plan.choose(cluster(sc), n, s.sizes()[0] + 1, s.spec().layout().parameterCount(), s.batchSize(),
        s.syncEvery(), s.partitions());
  }

  /** What the plan needs to know of the Spark context: local or not, cores, an executor's heap and its share for storage. */
  public static Plan.Cluster cluster(JavaSparkContext sc) {
    long heap = sc.isLocal() ? Runtime.getRuntime().maxMemory() : sc.getConf().getSizeAsBytes("spark.executor.memory", "1g");
    return new Plan.Cluster(sc.isLocal(), sc.defaultParallelism(), heap,
        sc.getConf().getDouble("spark.memory.fraction", Plan.Cluster.SPARK_MEMORY_FRACTION));
  }

  /** Sets the driver reads and broadcasts (files only it can see). */
  private static TrainingSets broadcast(JavaSparkContext sc, TrainSettings s, Path cacheDir) {
    NetworkSpec spec = s.spec();
    int v = s.techniques().validation();
    TrainTest sets = DataSource.load(s.data(), cacheDir, v > 0 ? 0 : s.trainLimit(), s.testLimit());
    Dataset file = sets.train();
    Dataset train = file.slice(0, trainingSize(file.size(), v, s.trainLimit()));
    DataChecks.check(spec, train, "training");
    DataChecks.check(spec, sets.test(), "test");
    Dataset validation = v == 0 ? null : file.slice(file.size() - v, file.size());
    Plan plan = plan(sc, s, train.size());
    int partitions = plan.evalPartitions();
    return new TrainingSets(CachedSet.broadcast(sc, train, plan.trainPartitions()),
        CachedSet.broadcast(sc, sets.test(), partitions),
        validation == null ? null : CachedSet.broadcast(sc, validation, partitions), plan);
  }

  /** The first limit samples (0: all) of a file, cached; name is for messages. */
  public static CachedSet read(JavaSparkContext sc, NetworkSpec spec, String images, String labels, int partitions,
      int limit, String name) {
    return read(sc, spec, images, labels, partitions, 0, limit, name);
  }

  /** limit samples (0: all) of a file from sample skip on, read by the executors, cached and checked against the network. */
  static CachedSet read(JavaSparkContext sc, NetworkSpec spec, String images, String labels, int partitions,
      int skip, int limit, String name) {
    int total = DistributedIdx.count(images, labels, 0);
    int n = limit > 0 ? Math.min(limit, total - skip) : total - skip;
    DistributedSet set = DistributedIdx.load(sc, images, labels, partitions, CachedSet.blockSize(n, partitions), skip, limit);
    return cached(spec, set, name);
  }

  /** The set cached once it fits the network, and checked for its labels by the job that reads and caches it. */
  public static CachedSet cached(NetworkSpec spec, DistributedSet set, String name) {
    DataChecks.shape(spec, set.rows(), set.cols(), set.size(), name);
    CachedSet cached = null;
    try {
      cached = CachedSet.persisted(set);
      DistributedSet.MaxLabel max = set.maxLabel();
      DataChecks.label(spec, max.value(), max.sample(), name);
      return cached;
    } catch (RuntimeException e) {
      if (cached != null) cached.close();
      DataError data = DistributedIdx.dataError(e);
      throw data != null ? data : e;
    }
  }

  public int trainSize() { return train.size(); }

  public int testSize() { return test.size(); }

  public int validationSize() { return validation == null ? 0 : validation.size(); }

  @Override public void close() {
    train.close();
    test.close();
    if (validation != null) validation.close();
  }
}
