package org.nndl.data;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.util.TaskCompletionListener;
import org.nndl.compat.Scala;
import scala.Tuple2;
import scala.collection.immutable.Seq;
import scala.reflect.ClassTag$;

/**
 * Builds a data set's blocks on the executors, so that nothing the size of the data passes
 * through the driver, and a lost cached block is rebuilt from the file (RDD lineage), not from the
 * driver. The driver reads and checks only the two headers. Raw files are split by byte ranges,
 * each partition seeking to its own samples; gzip files and class-path resources (the bundled
 * sample, which executors find in the application jar) cannot be split, so one task reads them
 * and a shuffle spreads contiguous runs of blocks over the partitions.
 */
public final class DistributedIdx {
  private DistributedIdx() {}

  /**
   * The blocks of an images file and its labels file (local path, Hadoop URI or "classpath:"
   * resource, as {@link DataSource#locate} names them).
   *
   * @param partitions how many partitions at most; fewer when there are fewer blocks, so that none is empty
   * @param blockSize the most samples per block; blocks start at multiples of it
   * @param limit keep the first limit samples (all when 0 or less); no sample past them is read
   * @param skip the file's samples to pass over first: the set starts there, numbered from 0
   * @throws DataError on the driver for bad headers, counts or raw file lengths; errors the
   *     executors find in the data (gzip truncation, trailing data) fail the job that reads it,
   *     with the DataError as a cause ({@link #dataError})
   */
  public static DistributedSet load(JavaSparkContext sc, String imagesLocation, String labelsLocation,
      int partitions, int blockSize, int limit) {
    return load(sc, imagesLocation, labelsLocation, partitions, blockSize, 0, limit);
  }

  /** As {@link #load(JavaSparkContext, String, String, int, int, int)}, from sample skip of the files on. */
  public static DistributedSet load(JavaSparkContext sc, String imagesLocation, String labelsLocation,
      int partitions, int blockSize, int skip, int limit) {
    if (partitions < 1 || blockSize < 1) {
      throw new IllegalArgumentException("partitions and block size must be positive: " + partitions + ", " + blockSize);
    }
    Location images = Location.of(imagesLocation);
    Location labels = Location.of(labelsLocation);
    IdxHeaders h = IdxHeaders.read(images, labels);
    if (skip < 0 || skip > h.count()) throw new IllegalArgumentException("cannot skip " + skip + " of " + h.count() + " samples");
    int n = limit > 0 ? Math.min(limit, h.count() - skip) : h.count() - skip;
    if ((long) h.rows() * h.cols() * Math.min(blockSize, Math.max(n, 1)) > Idx.MAX_ARRAY) {
      throw new DataError(images.name() + ": images of " + h.rows() + "x" + h.cols() + " do not fit blocks of "
          + blockSize + " in one Java array (" + Idx.MAX_ARRAY + " bytes): use smaller images");
    }
    int[] firstBlock = firstBlocks((int) ((n + (long) blockSize - 1) / blockSize), partitions);
    int[] firstSample = new int[firstBlock.length];
    for (int p = 0; p < firstBlock.length; p++) firstSample[p] = (int) Math.min(n, (long) firstBlock[p] * blockSize);
    Location onExecutor = images.absolute();
    Location labelsOnExecutor = labels.absolute();
    JavaRDD<Block> blocks = n == 0 ? sc.emptyRDD()
        : h.split() ? byRanges(sc, onExecutor, labelsOnExecutor, h, skip, firstSample, blockSize)
        : byOneStream(sc, onExecutor, labelsOnExecutor, h, skip, n, blockSize, firstBlock);
    return new DistributedSet(blocks, firstSample, h.rows(), h.cols(), n);
  }

  /** The number of samples {@link #load} would give for these files and limit: reads the headers only. */
  public static int count(String imagesLocation, String labelsLocation, int limit) {
    int n = IdxHeaders.read(Location.of(imagesLocation), Location.of(labelsLocation)).count();
    return limit > 0 ? Math.min(limit, n) : n;
  }

  /** Rows and columns of the images, from the headers only: a command can check them against a model before any job. */
  public static int[] imageSize(String imagesLocation, String labelsLocation) {
    IdxHeaders h = IdxHeaders.read(Location.of(imagesLocation), Location.of(labelsLocation));
    return new int[] {h.rows(), h.cols()};
  }

  /** The DataError an executor failed with, found among the causes of a failed job; null if none. */
  public static DataError dataError(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof DataError e) return e;
    }
    return null;
  }

  /** firstBlock[p] for P = min(partitions, blocks) balanced partitions, firstBlock[P] = blocks. */
  static int[] firstBlocks(int blocks, int partitions) {
    int parts = Math.min(partitions, blocks);
    if (parts == 0) return new int[] {0};
    int[] first = new int[parts + 1];
    for (int p = 0; p <= parts; p++) first[p] = (int) ((long) p * blocks / parts);
    return first;
  }

  /**
   * One partition per byte range, each preferring the hosts that store most of its images (on
   * HDFS: the DataNodes of its blocks; nowhere in particular for other files).
   */
  private static JavaRDD<Block> byRanges(JavaSparkContext sc, Location images, Location labels, IdxHeaders h,
      int skip, int[] firstSample, int blockSize) {
    int parts = firstSample.length - 1;
    List<Location.StoredBlock> stored = images.storedBlocks();
    List<Tuple2<Integer, Seq<String>>> ranges = new ArrayList<>();
    for (int p = 0; p < parts; p++) {
      long start = Idx.IMAGES_HEADER_BYTES + ((long) skip + firstSample[p]) * h.inputSize();
      long end = Idx.IMAGES_HEADER_BYTES + ((long) skip + firstSample[p + 1]) * h.inputSize();
      ranges.add(new Tuple2<>(p, Scala.seq(Locality.preferred(stored, start, end))));
    }
    // makeRDD with locations: one partition per element, in order, each with its hosts (raw: its
    // parameter's inner Seq is scala.collection.Seq on Scala 2.12, immutable.Seq on 2.13)
    @SuppressWarnings({"unchecked", "rawtypes"})
    JavaRDD<Integer> ids = sc.sc().makeRDD((Seq) Scala.seq(ranges), ClassTag$.MODULE$.apply(Integer.class))
        .toJavaRDD();
    return ids.mapPartitionsWithIndex((p, ignored) ->
        closedWithTask(BlockReader.range(images, labels, h, skip, firstSample[p], firstSample[p + 1], blockSize)), true);
  }

  private static JavaRDD<Block> byOneStream(JavaSparkContext sc, Location images, Location labels, IdxHeaders h,
      int skip, int n, int blockSize, int[] firstBlock) {
    JavaRDD<Block> all = sc.parallelize(List.of(0), 1)
        .mapPartitions(ignored -> closedWithTask(BlockReader.stream(images, labels, h, skip, n, blockSize)));
    if (firstBlock.length == 2) return all;
    return all.mapToPair(b -> new Tuple2<>(b.first() / blockSize, b))
        .repartitionAndSortWithinPartitions(new ContiguousPartitioner(firstBlock))
        .values();
  }

  /** Closes the files when the task ends, also when it fails or stops reading early. */
  private static BlockReader closedWithTask(BlockReader reader) {
    TaskContext task = TaskContext.get();
    if (task != null) task.addTaskCompletionListener((TaskCompletionListener) context -> reader.close());
    return reader;
  }
}
