package org.nndl.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.nndl.data.DistributedBlocks.assertHolds;
import static org.nndl.data.DistributedBlocks.assertSamePartitions;
import static org.nndl.data.DistributedBlocks.imagesFile;
import static org.nndl.data.DistributedBlocks.labelsFile;
import static org.nndl.data.DistributedBlocks.sc;

import java.nio.file.Path;
import java.util.List;
import org.apache.spark.SparkEnv;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.storage.RDDBlockId;
import org.apache.spark.storage.StorageLevel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Lost cached blocks come back from the files; the bundled sample and DataSource.locate. */
class DistributedRebuildTest {
  @TempDir Path dir;
  @TempDir Path cache;

  private final Dataset data = DistributedBlocks.random(50, 5, 2, 3);

  private String write(String name, byte[] content) { return IdxBytes.write(dir.resolve(name), content).toString(); }

  /**
   * Drops every cached block of the RDD from the block managers, as a lost executor would, while
   * the RDD stays marked for caching; returns how many partitions were cached before.
   */
  private static int dropCache(JavaRDD<Block> rdd) {
    int cached = cachedPartitions(rdd);
    SparkEnv.get().blockManager().master().removeRdd(rdd.id(), true);
    assertEquals(0, cachedPartitions(rdd));
    return cached;
  }

  /** Partitions whose block the block manager master knows to be cached somewhere. */
  private static int cachedPartitions(JavaRDD<Block> rdd) {
    int cached = 0;
    for (int p = 0; p < rdd.getNumPartitions(); p++) {
      if (SparkEnv.get().blockManager().master().contains(new RDDBlockId(rdd.id(), p))) cached++;
    }
    return cached;
  }

  private static List<List<Block>> cacheAndCollect(DistributedSet set) {
    set.blocks().persist(StorageLevel.MEMORY_ONLY());
    set.blocks().count();
    return set.blocks().glom().collect();
  }

  @Test
  void lostRawBlocksAreReadAgainFromTheFile() {
    String images = write("images", imagesFile(data));
    DistributedSet set = DistributedIdx.load(sc(), images, write("labels", labelsFile(data)), 3, 8, 0);
    try {
      List<List<Block>> cached = cacheAndCollect(set);
      assertEquals(3, dropCache(set.blocks()));
      assertSamePartitions(cached, set.blocks().glom().collect());
      assertEquals(3, cachedPartitions(set.blocks()), "rebuilt and cached again");
      assertHolds(set, data, 8, 3);

      // Proof the rebuild reads the file (not a copy kept anywhere): new pixels show up after a loss.
      Dataset changed = DistributedBlocks.random(50, 5, 2, 99);
      write("images", imagesFile(new Dataset(5, 2, changed.pixels(), data.labels())));
      assertHolds(set, data, 8, 3); // still cached: the old pixels
      assertEquals(3, dropCache(set.blocks()));
      assertHolds(set, new Dataset(5, 2, changed.pixels(), data.labels()), 8, 3);
    } finally {
      set.blocks().unpersist(true);
    }
  }

  @Test
  void lostGzipBlocksAreRebuiltThroughTheLineage() {
    String images = write("images.gz", IdxBytes.gzip(imagesFile(data)));
    String labels = write("labels.gz", IdxBytes.gzip(labelsFile(data)));
    DistributedSet set = DistributedIdx.load(sc(), images, labels, 4, 8, 0);
    try {
      List<List<Block>> cached = cacheAndCollect(set);
      assertEquals(4, dropCache(set.blocks()));
      assertSamePartitions(cached, set.blocks().glom().collect());
      assertEquals(4, cachedPartitions(set.blocks()), "rebuilt and cached again");
      set.blocks().unpersist(true);
      assertHolds(set, data, 8, 4);
    } finally {
      set.blocks().unpersist(true);
    }
  }

  @Test
  void uncachedBlocksComputeTheSameTwice() {
    String images = write("images", imagesFile(data));
    DistributedSet set = DistributedIdx.load(sc(), images, write("labels", labelsFile(data)), 5, 4, 0);
    assertSamePartitions(set.blocks().glom().collect(), set.blocks().glom().collect());
  }

  @Test
  void bundledSampleIsReadFromTheJarOnTheExecutors() {
    DataSource.Sources s = DataSource.locate("sample", null);
    assertEquals("classpath:org/nndl/data/sample/train-images-idx3-ubyte.gz", s.trainImages());
    assertFalse(s.driverOnly());
    TrainTest truth = DataSource.load("sample", null, 0, 0);
    DistributedSet train = DistributedIdx.load(sc(), s.trainImages(), s.trainLabels(), 3, 1000, 0);
    assertHolds(train, truth.train(), 1000, 3);
    assertEquals(9, train.maxLabel().value());
    assertHolds(DistributedIdx.load(sc(), s.testImages(), s.testLabels(), 4, 256, 700), truth.test().limit(700), 256, 3);
    assertHolds(DistributedIdx.load(sc(), s.testImages(), s.testLabels(), 2, 4096, 0), truth.test(), 4096, 1);
  }

  @Test
  void locateFindsTheFilesDataSourceReads() {
    Dataset test = DistributedBlocks.random(7, 5, 2, 5);
    write("train-images-idx3-ubyte", imagesFile(data));
    write("train-images-idx3-ubyte.gz", IdxBytes.gzip(imagesFile(data)));
    write("train-labels-idx1-ubyte.gz", IdxBytes.gzip(labelsFile(data)));
    write("t10k-images-idx3-ubyte.gz", IdxBytes.gzip(imagesFile(test)));
    write("t10k-labels-idx1-ubyte", labelsFile(test));
    DataSource.Sources s = DataSource.locate(dir.toString(), cache);
    assertEquals(new DataSource.Sources(dir.resolve("train-images-idx3-ubyte").toString(),
        dir.resolve("train-labels-idx1-ubyte.gz").toString(), dir.resolve("t10k-images-idx3-ubyte.gz").toString(),
        dir.resolve("t10k-labels-idx1-ubyte").toString(), false), s);
    assertHolds(DistributedIdx.load(sc(), s.trainImages(), s.trainLabels(), 2, 16, 0), data, 16, 2);
    assertHolds(DistributedIdx.load(sc(), s.testImages(), s.testLabels(), 2, 16, 0), test, 16, 1);

    DataSource.Sources uri = DataSource.locate(dir.toUri().toString(), cache);
    assertTrue(uri.trainImages().startsWith("file:/") && uri.trainImages().endsWith("/train-images-idx3-ubyte"),
        uri.trainImages());
    assertHolds(DistributedIdx.load(sc(), uri.trainImages(), uri.trainLabels(), 3, 16, 0), data, 16, 3);
  }

  /** Downloads land in the driver's cache: located there, flagged driver-only, readable on local masters. */
  @Test
  void locateDownloadsWebFoldersIntoTheDriversCache() throws Exception {
    Path served = dir.resolve("served");
    java.nio.file.Files.createDirectories(served);
    Dataset test = DistributedBlocks.random(7, 5, 2, 5);
    IdxBytes.write(served.resolve("train-images-idx3-ubyte.gz"), IdxBytes.gzip(imagesFile(data)));
    IdxBytes.write(served.resolve("train-labels-idx1-ubyte.gz"), IdxBytes.gzip(labelsFile(data)));
    IdxBytes.write(served.resolve("t10k-images-idx3-ubyte.gz"), IdxBytes.gzip(imagesFile(test)));
    IdxBytes.write(served.resolve("t10k-labels-idx1-ubyte.gz"), IdxBytes.gzip(labelsFile(test)));
    try (LocalHttpServer server = new LocalHttpServer(served)) {
      DataSource.Sources s = DataSource.locate(server.folderUri().toString(), cache);
      assertTrue(s.driverOnly());
      assertTrue(s.trainImages().startsWith(cache.toString()), s.trainImages());
      assertEquals(4, server.requests.size());
      assertHolds(DistributedIdx.load(sc(), s.trainImages(), s.trainLabels(), 2, 16, 0), data, 16, 2);
      assertHolds(DistributedIdx.load(sc(), s.testImages(), s.testLabels(), 2, 16, 0), test, 16, 1);
    }
  }

  @Test
  void locateRefusesWhatLoadRefuses() {
    String missing = dir.resolve("nope").toString();
    assertEquals(assertThrows(DataError.class, () -> DataSource.load(missing, cache, 0, 0)).getMessage(),
        assertThrows(DataError.class, () -> DataSource.locate(missing, cache)).getMessage());
    write("train-images-idx3-ubyte", imagesFile(data));
    assertEquals(assertThrows(DataError.class, () -> DataSource.load(dir.toString(), cache, 0, 0)).getMessage(),
        assertThrows(DataError.class, () -> DataSource.locate(dir.toString(), cache)).getMessage());
    assertEquals(assertThrows(DataError.class, () -> DataSource.load(" ", cache, 0, 0)).getMessage(),
        assertThrows(DataError.class, () -> DataSource.locate(" ", cache)).getMessage());
  }
}
