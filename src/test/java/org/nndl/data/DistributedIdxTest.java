package org.nndl.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.nndl.data.DistributedBlocks.assertHolds;
import static org.nndl.data.DistributedBlocks.imagesFile;
import static org.nndl.data.DistributedBlocks.labelsFile;
import static org.nndl.data.DistributedBlocks.sc;

import java.nio.file.Path;
import java.util.Arrays;
import org.apache.spark.SparkException;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Blocks read by the executors equal, byte for byte, what the driver-side reader and Block.split give. */
class DistributedIdxTest {
  @TempDir Path dir;

  private final Dataset data = DistributedBlocks.random(23, 4, 3, 42);

  private String write(String name, byte[] content) { return IdxBytes.write(dir.resolve(name), content).toString(); }

  private String rawImages() { return write("images", imagesFile(data)); }

  private String rawLabels() { return write("labels", labelsFile(data)); }

  private String gzImages() { return write("images.gz", IdxBytes.gzip(imagesFile(data))); }

  private String gzLabels() { return write("labels.gz", IdxBytes.gzip(labelsFile(data))); }

  private static String message(Executable read) { return assertThrows(DataError.class, read).getMessage(); }

  /** The DataError a job failed with on an executor. */
  private static String executorMessage(Executable job) {
    SparkException e = assertThrows(SparkException.class, job);
    DataError cause = DistributedIdx.dataError(e);
    assertNotNull(cause, "no DataError among the causes of " + e);
    return cause.getMessage();
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2, 3, 5})
  void rawFilesSplitByByteRanges(int partitions) {
    DistributedSet set = DistributedIdx.load(sc(), rawImages(), rawLabels(), partitions, 4, 0);
    assertHolds(set, data, 4, partitions); // 23 samples = 6 blocks of up to 4
    assertHolds(set, IdxReader.readDataset(rawImages(), rawLabels()), 4, partitions);
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2, 3, 5})
  void gzipFilesReadByOneTaskThenSpread(int partitions) {
    DistributedSet set = DistributedIdx.load(sc(), gzImages(), gzLabels(), partitions, 4, 0);
    assertHolds(set, data, 4, partitions);
  }

  @Test
  void rawImagesWithGzipLabelsTakeTheStreamPath() {
    assertHolds(DistributedIdx.load(sc(), rawImages(), gzLabels(), 3, 5, 0), data, 5, 3);
  }

  @Test
  void neverMorePartitionsThanBlocks() {
    assertHolds(DistributedIdx.load(sc(), rawImages(), rawLabels(), 10, 4, 0), data, 4, 6);
    assertHolds(DistributedIdx.load(sc(), gzImages(), gzLabels(), 10, 4, 0), data, 4, 6);
    assertHolds(DistributedIdx.load(sc(), rawImages(), rawLabels(), 4, 100, 0), data, 100, 1);
    assertHolds(DistributedIdx.load(sc(), rawImages(), rawLabels(), 23, 1, 0), data, 1, 23);
  }

  @Test
  void hadoopUrisSeekToTheirRanges() {
    rawImages();
    rawLabels();
    String folder = dir.toUri().toString();
    assertTrue(folder.startsWith("file:/"), folder);
    assertHolds(DistributedIdx.load(sc(), folder + "images", folder + "labels", 3, 4, 0), data, 4, 3);
  }

  @Test
  void limitsKeepTheFirstSamples() {
    assertHolds(DistributedIdx.load(sc(), rawImages(), rawLabels(), 3, 4, 10), data.limit(10), 4, 3);
    assertHolds(DistributedIdx.load(sc(), gzImages(), gzLabels(), 3, 4, 10), data.limit(10), 4, 3);
    assertHolds(DistributedIdx.load(sc(), rawImages(), rawLabels(), 5, 4, 1), data.limit(1), 4, 1);
    assertHolds(DistributedIdx.load(sc(), rawImages(), rawLabels(), 2, 4, 1000), data, 4, 2);
    assertHolds(DistributedIdx.load(sc(), gzImages(), gzLabels(), 2, 4, -1), data, 4, 2);
  }

  /** A limit stops the gzip read early: a stream cut after the wanted samples still serves them. */
  @Test
  void gzipLimitReadsNoFurtherThanNeeded() {
    Dataset big = DistributedBlocks.random(400, 4, 3, 7);
    byte[] gz = IdxBytes.gzip(imagesFile(big));
    String images = write("cut.gz", Arrays.copyOf(gz, gz.length * 3 / 4));
    String labels = write("labels.gz", IdxBytes.gzip(labelsFile(big)));
    assertHolds(DistributedIdx.load(sc(), images, labels, 3, 16, 100), big.limit(100), 16, 3);
    DistributedSet all = DistributedIdx.load(sc(), images, labels, 3, 16, 0);
    assertEquals(message(() -> IdxReader.readImages(images)), executorMessage(() -> all.blocks().count()));
  }

  @Test
  void loadReadsHeadersOnlyAndRunsNoJob() {
    JavaSparkContext sc = sc();
    sc.setJobGroup("load-only", "no job expected", false);
    try {
      DistributedIdx.load(sc, rawImages(), rawLabels(), 3, 4, 0);
      DistributedIdx.load(sc, gzImages(), gzLabels(), 3, 4, 0);
      assertEquals(0, sc.statusTracker().getJobIdsForGroup("load-only").length);
    } finally {
      sc.clearJobGroup();
    }
  }

  @Test
  void badHeadersAreRefusedOnTheDriverAsTheReaderRefusesThem() {
    String labels = rawLabels();
    byte[] image = imagesFile(data);
    String truncated = write("truncated", Arrays.copyOf(image, image.length - 1));
    assertEquals(message(() -> IdxReader.readDataset(truncated, labels)),
        message(() -> DistributedIdx.load(sc(), truncated, labels, 2, 4, 0)));
    assertTrue(message(() -> DistributedIdx.load(sc(), truncated, labels, 2, 4, 5))
        .startsWith(truncated + ": truncated: the header promises 23 images of 4x3 = 292 bytes, but the file has 291"));
    byte[] longer = Arrays.copyOf(image, image.length + 3);
    String trailing = write("trailing", longer);
    assertEquals(message(() -> IdxReader.readDataset(trailing, labels)),
        message(() -> DistributedIdx.load(sc(), trailing, labels, 2, 4, 0)));
    String fewer = write("fewer", IdxBytes.labels(22, Arrays.copyOf(data.labels(), 22)));
    assertEquals(message(() -> IdxReader.readDataset(rawImages(), fewer)),
        message(() -> DistributedIdx.load(sc(), rawImages(), fewer, 2, 4, 0)));
    assertEquals(message(() -> IdxReader.readDataset(labels, labels)),
        message(() -> DistributedIdx.load(sc(), labels, labels, 2, 4, 0)));
    String missing = dir.resolve("nope").toString();
    assertEquals(message(() -> IdxReader.readDataset(missing, labels)),
        message(() -> DistributedIdx.load(sc(), missing, labels, 2, 4, 0)));
  }

  @Test
  void imagesTooLargeForABlockAreRefusedBeforeAnyRead() {
    String images = write("huge.gz", IdxBytes.gzip(IdxBytes.images(1, 65536, 65536, new byte[16])));
    String labels = write("one", IdxBytes.labels(1, new byte[] {3}));
    assertEquals(images + ": images of 65536x65536 do not fit blocks of 4 in one Java array (2147483639 bytes):"
        + " use smaller images", message(() -> DistributedIdx.load(sc(), images, labels, 2, 4, 0)));
  }

  @Test
  void gzipDataErrorsFailTheReadingJobWithTheReadersMessage() {
    String labels = gzLabels();
    byte[] trailing = IdxBytes.gzip(Arrays.copyOf(imagesFile(data), imagesFile(data).length + 5));
    String images = write("trailing.gz", trailing);
    DistributedSet set = DistributedIdx.load(sc(), images, labels, 2, 4, 0);
    assertEquals(message(() -> IdxReader.readImages(images)), executorMessage(() -> set.blocks().count()));
    // the samples before the garbage are fine, and a limit never reaches it
    assertHolds(DistributedIdx.load(sc(), images, labels, 2, 4, 20), data.limit(20), 4, 2);
  }

  @Test
  void aRawFileChangedAfterLoadIsNoticedByTheExecutors() {
    String images = rawImages();
    DistributedSet set = DistributedIdx.load(sc(), images, rawLabels(), 2, 4, 0);
    write("images", Arrays.copyOf(imagesFile(data), 100));
    assertEquals(images + ": changed while being read (it has 100 bytes, its header said 292):"
        + " do not rewrite the data files during a run", executorMessage(() -> set.blocks().count()));
  }

  @Test
  void maxLabelAndTheFirstSampleHoldingIt() {
    byte[] labels = data.labels().clone();
    labels[7] = (byte) 200;
    labels[19] = (byte) 200;
    String labelsFile = write("labels", IdxBytes.labels(23, labels));
    DistributedSet set = DistributedIdx.load(sc(), rawImages(), labelsFile, 3, 4, 0);
    assertEquals(new DistributedSet.MaxLabel(200, 7), set.maxLabel());
    assertEquals(new DistributedSet.MaxLabel(9, firstNine()),
        DistributedIdx.load(sc(), rawImages(), rawLabels(), 3, 4, 0).maxLabel());
  }

  private int firstNine() {
    for (int i = 0; i < data.size(); i++) if (data.label(i) == 9) return i;
    return -1;
  }

  @Test
  void anEmptySetHasNoPartitions() {
    String images = write("empty-images", IdxBytes.images(0, 4, 3, new byte[0]));
    String labels = write("empty-labels", IdxBytes.labels(0, new byte[0]));
    DistributedSet set = DistributedIdx.load(sc(), images, labels, 3, 4, 0);
    assertEquals(0, set.size());
    assertArrayEquals(new int[] {0}, set.firstSample());
    assertEquals(0, set.blocks().count());
    assertEquals(new DistributedSet.MaxLabel(-1, -1), set.maxLabel());
  }

  @Test
  void balancedContiguousPartitionsOfBlocks() {
    assertArrayEquals(new int[] {0, 2, 4, 6}, DistributedIdx.firstBlocks(6, 3));
    assertArrayEquals(new int[] {0, 1, 2, 4, 5, 7}, DistributedIdx.firstBlocks(7, 5));
    assertArrayEquals(new int[] {0, 1, 2}, DistributedIdx.firstBlocks(2, 8));
    ContiguousPartitioner partitioner = new ContiguousPartitioner(new int[] {0, 1, 2, 4, 5, 7});
    int[] expected = {0, 1, 2, 2, 3, 4, 4};
    for (int b = 0; b < 7; b++) assertEquals(expected[b], partitioner.getPartition(b), "block " + b);
    assertFalse(partitioner.equals(new ContiguousPartitioner(new int[] {0, 7})));
  }
}
