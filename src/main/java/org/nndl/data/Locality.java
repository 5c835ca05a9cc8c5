package org.nndl.data;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where a byte range of a file is best read: on the hosts that store most of it. Spark runs a
 * partition's task on one of its preferred hosts when an executor is there (after
 * {@code spark.locality.wait} it takes any), so the first read of an HDFS file and a rebuild of a
 * lost cached block read from the local disk instead of the network.
 */
final class Locality {
  /** As many hosts as Spark's own file scans prefer: a range's top holders, not every replica. */
  static final int MAX_HOSTS = 3;

  private Locality() {}

  /**
   * The hosts holding the most bytes of {@code [start, end)}, most first (a tie in the order the
   * blocks name them), at most {@link #MAX_HOSTS}; empty when nothing is known.
   */
  static List<String> preferred(List<Location.StoredBlock> blocks, long start, long end) {
    Map<String, Long> bytes = new LinkedHashMap<>();
    for (Location.StoredBlock b : blocks) {
      long overlap = Math.min(end, b.offset() + b.length()) - Math.max(start, b.offset());
      if (overlap <= 0) continue;
      for (String host : b.hosts()) bytes.merge(host, overlap, Long::sum);
    }
    return bytes.entrySet().stream()
        .sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder()))  // stable: ties keep their order
        .limit(MAX_HOSTS).map(Map.Entry::getKey).toList();
  }
}
