package org.nndl.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nndl.data.Block;

/**
 * A cached set closed after its SparkContext stopped (a cluster ended the application while a
 * command was reading): closing does nothing, instead of failing in Spark's unpersist, whose
 * exception would hide the one being reported. In a JVM of its own: it stops its SparkContext.
 */
class StoppedContextCloseTest {
  @TempDir Path dir;

  /** Caches a set, stops the context, closes the set; prints "closed" when the close did not throw. */
  public static final class Child {
    public static void main(String[] args) {
      JavaSparkContext sc = new JavaSparkContext(new SparkConf().setMaster("local[1]").setAppName("stopped context")
          .set("spark.ui.enabled", "false"));
      JavaRDD<Block> blocks = sc.parallelize(List.<Block>of(), 1).cache();
      blocks.count();
      CachedSet set = new CachedSet(blocks, new int[] {0, 0}, sc.broadcast(List.<Block>of()));
      sc.stop();
      set.close();
      System.out.println("closed");
    }
  }

  @Test
  void closingAfterTheContextStoppedDoesNothing() throws Exception {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    for (String a : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
      if (a.startsWith("--add-") || a.startsWith("-Dio.netty")) cmd.add(a);
    }
    cmd.addAll(List.of("-Xmx512m", "-cp", System.getProperty("java.class.path"), Child.class.getName()));
    Path out = dir.resolve("out.txt");
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out.toFile()).start();
    assertTrue(p.waitFor(120, TimeUnit.SECONDS), "the child JVM did not end");
    String printed = Files.readString(out);
    assertEquals(0, p.exitValue(), printed);
    assertTrue(printed.contains("closed"), printed);
  }
}
