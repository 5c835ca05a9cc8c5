package org.nndl.data;

import java.io.IOException;
import java.net.URL;
import java.util.Collections;
import java.util.Enumeration;
import java.util.function.Supplier;
import org.apache.spark.SparkContext;
import org.apache.spark.sql.SparkSession;
import org.nndl.compat.Classic;

/**
 * The one place the commands' SQL sessions come from. Spark's usual entry, {@code
 * SparkSession.builder()}, finds its implementation through Scala's runtime reflection, and a new
 * session applies every session extension listed on the class path, among them spark-mllib's
 * (functions for Spark Connect's ML), which start that reflection too: about 0.7 s of the driver's
 * main thread before a command's first job (docs/speed.md). The commands use neither: they ask
 * Spark's classic builder directly, with the class path's extension list hidden from it
 * (extensions named by {@code spark.sql.extensions} still apply).
 */
public final class Sessions {
  static final String EXTENSIONS = "META-INF/services/org.apache.spark.sql.SparkSessionExtensionsProvider";

  private Sessions() {}

  /** The running session, or a new one (and its SparkContext) named appName. */
  public static SparkSession getOrCreate(String appName) {
    return withoutListedExtensions(() -> Classic.session(appName));
  }

  /** The session over {@code sc}: the active one, or a new one sharing sc (never a second SparkContext). */
  public static SparkSession over(SparkContext sc) {
    SparkSession active = SparkSession.getActiveSession().getOrElse(() -> null);
    if (active != null && active.sparkContext() == sc) return active;
    return withoutListedExtensions(() -> Classic.session(sc));
  }

  /** Runs make with a context class loader that lists no session extensions (Spark looks them up through it). */
  private static <T> T withoutListedExtensions(Supplier<T> make) {
    Thread thread = Thread.currentThread();
    ClassLoader before = thread.getContextClassLoader();
    thread.setContextClassLoader(hidingExtensions(before != null ? before : Sessions.class.getClassLoader()));
    try {
      return make.get();
    } finally {
      thread.setContextClassLoader(before);
    }
  }

  /** A loader that delegates everything to parent but lists no session extension providers. */
  static ClassLoader hidingExtensions(ClassLoader parent) {
    return new ClassLoader(parent) {
      @Override
      public Enumeration<URL> getResources(String name) throws IOException {
        return EXTENSIONS.equals(name) ? Collections.emptyEnumeration() : super.getResources(name);
      }
    };
  }
}
