package org.nndl.ml;

/**
 * The uid a Java subclass of a Spark ML class must answer while its Scala superclass is still
 * being built: Spark's shared params (featuresCol, labelCol, ...) are created in the superclass's
 * constructor and ask {@code uid()} then, before a Java constructor can set a field. The public
 * {@code (String uid)} constructor hands the uid over here in its {@code this(...)} call, and
 * {@code uid()} reads it until the field is set.
 */
final class Uids {
  private static final ThreadLocal<String> PENDING = new ThreadLocal<>();

  private Uids() {}

  /** Marks uid as the one under construction on this thread; returns it. */
  static String pending(String uid) {
    PENDING.set(uid);
    return uid;
  }

  /** The uid under construction on this thread. */
  static String current() {
    String uid = PENDING.get();
    if (uid == null) throw new IllegalStateException("no uid under construction");
    return uid;
  }

  /** Construction is over: forget the uid. */
  static void done() { PENDING.remove(); }
}
