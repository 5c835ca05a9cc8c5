package org.nndl.compat;

import java.util.Iterator;
import java.util.List;
import scala.collection.Seq;
import scala.jdk.javaapi.CollectionConverters;

/**
 * Scala collections from Java and back, on Scala 2.13's converters (the spark-4 line). The
 * spark-3.5 line's twin, src/main/spark-3.5/java, says the same with the converters Scala 2.12
 * has; shared code calls these, never a converter itself (docs/design.md#spark-lines).
 */
public final class Scala {
  private Scala() {}

  /** A Scala view of a Java iterator. */
  public static <T> scala.collection.Iterator<T> iterator(Iterator<T> it) {
    return CollectionConverters.asScala(it);
  }

  /** An immutable Scala sequence of the list's elements (what Spark's Seq parameters take on every line). */
  public static <T> scala.collection.immutable.Seq<T> seq(List<T> list) {
    return CollectionConverters.asScala(list).toSeq();
  }

  /** A Java view of a Scala sequence. */
  public static <T> List<T> list(Seq<T> seq) {
    return CollectionConverters.asJava(seq);
  }
}
