package org.nndl.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.OutputStream;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.scheduler.TaskLocation;
import org.junit.jupiter.api.Test;
import org.nndl.SparkTestSession;
import org.nndl.cluster.TestDfs;
import org.nndl.compat.Scala;

/**
 * Data on HDFS is read by byte ranges, each partition preferring the DataNodes that store its
 * bytes: on an in-JVM HDFS whose two DataNodes hold known halves of the images file (written by
 * hand, 600 images on dn0, the other 400 on dn1), the scheduler's preferred hosts of each
 * partition are the ones computed by hand from the byte offsets, and the blocks hold the bytes
 * written.
 */
class HdfsLocalityTest {
  private static final int ROWS = 8, COLS = 8, N = 1000, ON_DN0 = 600;

  @Test
  void eachPartitionPrefersTheDataNodesHoldingItsBytes() throws Exception {
    byte[] pixels = new byte[N * ROWS * COLS];
    byte[] labels = new byte[N];
    Random r = new Random(13);
    r.nextBytes(pixels);
    for (int i = 0; i < N; i++) labels[i] = (byte) r.nextInt(10);
    String dir = "/locality";
    TestDfs.writeTwoBlocks(dir + "/images", IdxBytes.images(N, ROWS, COLS, pixels), 16 + ON_DN0 * ROWS * COLS);
    try (OutputStream out = TestDfs.fs().create(new org.apache.hadoop.fs.Path(dir + "/labels"))) {
      out.write(IdxBytes.labels(N, labels));
    }
    JavaSparkContext sc = JavaSparkContext.fromSparkContext(SparkTestSession.get().sparkContext());

    // blocks of 100 samples over 3 partitions: samples 0-299, 300-599, 600-999
    DistributedSet three = DistributedIdx.load(sc, TestDfs.uri(dir + "/images"), TestDfs.uri(dir + "/labels"), 3, 100, 0);
    assertEquals(List.of("dn0.test"), hosts(sc, three, 0));
    assertEquals(List.of("dn0.test"), hosts(sc, three, 1));
    assertEquals(List.of("dn1.test"), hosts(sc, three, 2));
    // 2 partitions: samples 0-499 all on dn0; 500-999 has 100 images on dn0 and 400 on dn1, the larger share first
    DistributedSet two = DistributedIdx.load(sc, TestDfs.uri(dir + "/images"), TestDfs.uri(dir + "/labels"), 2, 100, 0);
    assertEquals(List.of("dn0.test"), hosts(sc, two, 0));
    assertEquals(List.of("dn1.test", "dn0.test"), hosts(sc, two, 1));
    // skipping 150 samples, blocks of 250: file samples 150-649 (450 on dn0, 50 on dn1), then 650-999 (all on dn1)
    DistributedSet skipped = DistributedIdx.load(sc, TestDfs.uri(dir + "/images"), TestDfs.uri(dir + "/labels"), 2, 250, 150, 0);
    assertEquals(List.of("dn0.test", "dn1.test"), hosts(sc, skipped, 0));
    assertEquals(List.of("dn1.test"), hosts(sc, skipped, 1));

    for (Block b : two.blocks().collect()) {
      int from = b.first(), to = b.end();
      assertArrayEquals(Arrays.copyOfRange(pixels, from * ROWS * COLS, to * ROWS * COLS), b.pixelBytes(), "block " + from);
      assertArrayEquals(Arrays.copyOfRange(labels, from, to), b.labelBytes(), "block " + from);
    }
  }

  /** The hosts the DAG scheduler would run partition p's task on, in order. */
  private static List<String> hosts(JavaSparkContext sc, DistributedSet set, int p) {
    return Scala.list(sc.sc().getPreferredLocs(set.blocks().rdd(), p)).stream()
        .map(TaskLocation::host).toList();
  }
}
