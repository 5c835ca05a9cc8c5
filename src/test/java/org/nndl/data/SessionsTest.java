package org.nndl.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import java.util.concurrent.TimeUnit;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.SparkSessionExtensionsProvider;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The commands' sessions start without Scala's runtime reflection (about 0.7 s of a start, docs/speed.md). */
class SessionsTest {
  @TempDir Path dir;

  @Test
  @Tag("spark-4-only")  // spark-mllib lists a session extension (Spark Connect's ML functions) since Spark 4.0
  void theClassPathListsAnExtensionThatTheSessionsLoaderHides() {
    ClassLoader plain = SessionsTest.class.getClassLoader();
    List<String> listed = names(ServiceLoader.load(SparkSessionExtensionsProvider.class, plain));
    assertTrue(listed.contains("org.apache.spark.sql.ml.InternalFunctionRegistration"), listed.toString());  // spark-mllib's
    assertEquals(List.of(), names(ServiceLoader.load(SparkSessionExtensionsProvider.class, Sessions.hidingExtensions(plain))));
  }

  private static List<String> names(ServiceLoader<SparkSessionExtensionsProvider> loader) {
    return loader.stream().map(p -> p.type().getName()).toList();
  }

  /** Starts a session in a fresh JVM and runs a query; the JVM logs the classes it loads. */
  public static final class Child {
    public static void main(String[] args) {
      SparkSession spark = Sessions.getOrCreate("sessions test");
      long n = spark.sql("SELECT id FROM range(3)").count();
      spark.stop();
      System.exit(n == 3 ? 0 : 1);
    }
  }

  @Test
  void aSessionAndAQueryLoadNoScalaReflection() throws Exception {
    Path classes = dir.resolve("classes.txt");
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    for (String a : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
      if (a.startsWith("--add-") || a.startsWith("-Dio.netty")) cmd.add(a);
    }
    cmd.addAll(List.of("-Xmx512m", "-Xlog:class+load:file=" + classes, "-Dspark.master=local[1]", "-Dspark.ui.enabled=false",
        "-cp", System.getProperty("java.class.path"), Child.class.getName()));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(dir.resolve("out.txt").toFile()).start();
    assertTrue(p.waitFor(120, TimeUnit.SECONDS), "the child JVM did not end");
    assertEquals(0, p.exitValue(), Files.readString(dir.resolve("out.txt")));
    String loaded = Files.readString(classes);
    assertTrue(loaded.contains(" org.apache.spark.sql.execution.QueryExecution "), "the class log works");
    assertFalse(loaded.contains(" scala.reflect.runtime.package$ "), "Scala's runtime reflection was started");
  }
}
