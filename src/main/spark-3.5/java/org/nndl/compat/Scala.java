package org.nndl.compat;

import java.util.Iterator;
import java.util.List;
import scala.collection.JavaConverters;
import scala.collection.Seq;

/**
 * Scala collections from Java and back, on the converters both Scala 2.12 and 2.13 have (the
 * spark-3.5 line; deprecated on 2.13, where the spark-4 twin uses scala.jdk.javaapi).
 */
@SuppressWarnings("deprecation")
public final class Scala {
  private Scala() {}

  /** A Scala view of a Java iterator. */
  public static <T> scala.collection.Iterator<T> iterator(Iterator<T> it) {
    return JavaConverters.asScalaIteratorConverter(it).asScala();
  }

  /** An immutable Scala sequence of the list's elements (what Spark's Seq parameters take on every line). */
  public static <T> scala.collection.immutable.Seq<T> seq(List<T> list) {
    return JavaConverters.asScalaBufferConverter(list).asScala().toList();
  }

  /** A Java view of a Scala sequence. */
  public static <T> List<T> list(Seq<T> seq) {
    return JavaConverters.seqAsJavaListConverter(seq).asJava();
  }
}
