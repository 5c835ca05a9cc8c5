package org.nndl.train;

import java.nio.file.Path;
import org.apache.spark.api.java.JavaSparkContext;
import org.nndl.data.DataError;
import org.nndl.data.DataSource;
import org.nndl.data.DistributedIdx;
import org.nndl.data.DistributedSet;
import org.nndl.data.TrainTest;
import org.nndl.net.NetworkSpec;

/**
 * The training and test sets of a run, cached on the executors and checked against the network.
 * The executors read the files themselves, so nothing the size of the data passes through the
 * driver; only files that exist on the driver alone (downloads into its cache) on a real
 * cluster are read by the driver and broadcast.
 */
public record TrainingSets(CachedSet train, CachedSet test) implements AutoCloseable {

  public static TrainingSets open(JavaSparkContext sc, TrainSettings s, Path cacheDir) {
    NetworkSpec spec = s.spec();
    int partitions = s.partitions() > 0 ? s.partitions() : sc.defaultParallelism();
    DataSource.Sources src = DataSource.locate(s.data(), cacheDir);
    if (src.driverOnly() && !sc.isLocal()) {
      TrainTest sets = DataSource.load(s.data(), cacheDir, s.trainLimit(), s.testLimit());
      DataChecks.check(spec, sets.train(), "training");
      DataChecks.check(spec, sets.test(), "test");
      return new TrainingSets(CachedSet.broadcast(sc, sets.train(), partitions), CachedSet.broadcast(sc, sets.test(), partitions));
    }
    CachedSet train = read(sc, spec, src.trainImages(), src.trainLabels(), partitions, s.trainLimit(), "training");
    try {
      return new TrainingSets(train, read(sc, spec, src.testImages(), src.testLabels(), partitions, s.testLimit(), "test"));
    } catch (RuntimeException e) {
      train.close();
      throw e;
    }
  }

  /** One set read by the executors, cached and checked against the network (name: for messages). */
  public static CachedSet read(JavaSparkContext sc, NetworkSpec spec, String images, String labels, int partitions,
      int limit, String name) {
    int n = DistributedIdx.count(images, labels, limit);
    DistributedSet set = DistributedIdx.load(sc, images, labels, partitions, CachedSet.blockSize(n, partitions), limit);
    DataChecks.shape(spec, set.rows(), set.cols(), set.size(), name);
    CachedSet cached = null;
    try {
      cached = CachedSet.of(set);
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

  @Override public void close() {
    train.close();
    test.close();
  }
}
