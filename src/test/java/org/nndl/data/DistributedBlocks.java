package org.nndl.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.spark.api.java.JavaSparkContext;
import org.nndl.SparkTestSession;

/** Shared checks of DistributedIdx tests: what each partition holds, compared with independent truths. */
final class DistributedBlocks {
  private DistributedBlocks() {}

  static JavaSparkContext sc() { return JavaSparkContext.fromSparkContext(SparkTestSession.get().sparkContext()); }

  /** Random pixels and labels 0..9 (seeded), so that no reading order or offset error goes unnoticed. */
  static Dataset random(int count, int rows, int cols, long seed) {
    Random r = new Random(seed);
    byte[] pixels = new byte[count * rows * cols];
    r.nextBytes(pixels);
    byte[] labels = new byte[count];
    for (int i = 0; i < count; i++) labels[i] = (byte) r.nextInt(10);
    return new Dataset(rows, cols, pixels, labels);
  }

  static byte[] imagesFile(Dataset d) { return IdxBytes.images(d.size(), d.rows(), d.cols(), d.pixels()); }

  static byte[] labelsFile(Dataset d) { return IdxBytes.labels(d.size(), d.labels()); }

  /**
   * The set holds exactly {@code truth}'s blocks as Block.split cuts them, in {@code parts} non-empty
   * partitions of contiguous, ordered sample ranges matching firstSample. Returns the partitions.
   */
  static List<List<Block>> assertHolds(DistributedSet set, Dataset truth, int blockSize, int parts) {
    List<List<Block>> partitions = set.blocks().glom().collect();
    assertEquals(parts, partitions.size(), "partitions");
    assertEquals(parts, set.partitions());
    int[] first = set.firstSample();
    assertEquals(parts + 1, first.length);
    assertEquals(0, first[0]);
    assertEquals(truth.size(), first[parts]);
    assertEquals(truth.size(), set.size());
    assertEquals(truth.rows(), set.rows());
    assertEquals(truth.cols(), set.cols());
    List<Block> all = new ArrayList<>();
    for (int p = 0; p < parts; p++) {
      List<Block> blocks = partitions.get(p);
      assertFalse(blocks.isEmpty(), "partition " + p + " is empty");
      int next = first[p];
      for (Block b : blocks) {
        assertEquals(next, b.first(), "partition " + p + " is not contiguous and ordered");
        assertTrue(b.count() > 0 && b.count() <= blockSize, "block of " + b.count());
        next = b.end();
      }
      assertEquals(first[p + 1], next, "partition " + p + " ends where the next starts");
      all.addAll(blocks);
    }
    assertSameBlocks(Block.split(truth, blockSize), all);
    return partitions;
  }

  static void assertSameBlocks(List<Block> expected, List<Block> actual) {
    assertEquals(expected.size(), actual.size(), "blocks");
    for (int i = 0; i < expected.size(); i++) {
      Block e = expected.get(i), a = actual.get(i);
      assertEquals(e.first(), a.first());
      assertEquals(e.count(), a.count());
      assertEquals(e.inputSize(), a.inputSize());
      assertArrayEquals(e.pixelBytes(), a.pixelBytes(), "pixels of block " + i);
      assertArrayEquals(e.labelBytes(), a.labelBytes(), "labels of block " + i);
    }
  }

  static void assertSamePartitions(List<List<Block>> expected, List<List<Block>> actual) {
    assertEquals(expected.size(), actual.size());
    for (int p = 0; p < expected.size(); p++) assertSameBlocks(expected.get(p), actual.get(p));
  }
}
