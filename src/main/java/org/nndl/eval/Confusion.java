package org.nndl.eval;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Supplier;
import org.apache.spark.api.java.JavaSparkContext;
import org.nndl.cache.CachedSet;
import org.nndl.compute.Mergeable;
import org.nndl.compute.PartitionJob;
import org.nndl.net.NetworkSpec;

/**
 * The confusion matrix of a network over a set (rows = true label, columns = predicted) plus the
 * first K misclassified samples by index with their pixels, so that a report can show them
 * without reading the data set again. Built in one Spark job; partitions merge in any order.
 * A plain class, not a record: Spark's Kryo cannot rebuild records.
 */
public final class Confusion implements Serializable, Mergeable<Confusion> {
  private final int outputs;
  private final int keep;
  private final long[] counts;
  private final ArrayList<Miss> wrong = new ArrayList<>();

  /** An empty matrix for a network with the given number of output neurons, keeping up to keep misses. */
  public Confusion(int outputs, int keep) {
    if (outputs < 1 || keep < 0) throw new IllegalArgumentException("outputs must be >= 1 and keep >= 0");
    this.outputs = outputs;
    this.keep = keep;
    this.counts = new long[outputs * outputs];
  }

  /**
   * Scores the whole set in ONE Spark job: broadcasts params, runs {@link ConfusionFunction} on
   * every partition, merges on the driver and destroys the broadcast.
   */
  public static Confusion of(JavaSparkContext sc, CachedSet set, NetworkSpec spec, double[] params, int keepWrong) {
    return PartitionJob.withParams(sc, params, set.blocks(), bc -> new ConfusionFunction(bc, spec, keepWrong),
        PartitionJob.all(set.blocks()), new Confusion(spec.layout().outputSize(), keepWrong), Confusion.class);
  }

  /** Counts one sample; pixels are only copied (by the supplier) when the sample is kept. */
  void add(int index, int label, int predicted, Supplier<byte[]> pixels) {
    counts[label * outputs + predicted]++;
    if (label != predicted && wants(index)) insert(new Miss(index, label, predicted, pixels.get()));
  }

  private boolean wants(int index) {
    return keep > 0 && (wrong.size() < keep || index < wrong.get(wrong.size() - 1).index);
  }

  /** Inserts in index order and drops the largest beyond keep. */
  private void insert(Miss m) {
    int at = wrong.size();
    while (at > 0 && wrong.get(at - 1).index > m.index) at--;
    wrong.add(at, m);
    while (wrong.size() > keep) wrong.remove(wrong.size() - 1);
  }

  @Override
  public Confusion merge(Confusion o) {
    if (o.outputs != outputs) throw new IllegalArgumentException("different output sizes: " + outputs + " vs " + o.outputs);
    for (int i = 0; i < counts.length; i++) counts[i] += o.counts[i];
    for (Miss m : o.wrong) if (wants(m.index)) insert(m);
    return this;
  }

  public int outputs() { return outputs; }

  /** Samples with true label t predicted as p. */
  public long count(int t, int p) { return counts[t * outputs + p]; }

  /** Samples of true label t (a row sum). */
  public long rowTotal(int t) {
    long s = 0;
    for (int p = 0; p < outputs; p++) s += count(t, p);
    return s;
  }

  /** Samples predicted as p (a column sum). */
  public long columnTotal(int p) {
    long s = 0;
    for (int t = 0; t < outputs; t++) s += count(t, p);
    return s;
  }

  public long total() {
    long s = 0;
    for (long c : counts) s += c;
    return s;
  }

  public long correct() {
    long s = 0;
    for (int t = 0; t < outputs; t++) s += count(t, t);
    return s;
  }

  /** The kept misclassified samples, smallest index first (at most keep of them). */
  public List<Miss> wrong() { return Collections.unmodifiableList(wrong); }

  /** One misclassified sample: its index in the set, true and predicted labels, raw pixel bytes. */
  public static final class Miss implements Serializable {
    private final int index;
    private final int label;
    private final int predicted;
    private final byte[] pixels;

    Miss(int index, int label, int predicted, byte[] pixels) {
      this.index = index;
      this.label = label;
      this.predicted = predicted;
      this.pixels = pixels;
    }

    public int index() { return index; }

    public int label() { return label; }

    public int predicted() { return predicted; }

    /** A copy of the pixel bytes (0 = background, 255 = ink, row-major). */
    public byte[] pixels() { return pixels.clone(); }
  }
}
