package org.nndl.train;

import java.util.Arrays;
import java.util.LinkedHashMap;
import org.nndl.net.Activation;
import org.nndl.net.Cost;
import org.nndl.net.Initializer;
import org.nndl.net.Layout;
import org.nndl.net.NetworkSpec;

/** Every setting of a training run; {@link #validate()} says in one line what is wrong. */
public record TrainSettings(
    String data, int[] sizes, Activation activation, Cost cost, Initializer init,
    int epochs, int batchSize, double eta, double lambda, long seed,
    int trainLimit, int testLimit, boolean monitor, int partitions, int syncEvery) {

  /** syncEvery for one synchronization per epoch. */
  public static final int ONE_EPOCH = Integer.MAX_VALUE;

  /** syncEvery for the exact algorithm: one synchronization per mini-batch. */
  public static final int EXACT = 0;

  /** Throws IllegalArgumentException naming the bad setting and what to do. */
  public TrainSettings validate() {
    if (sizes == null || sizes.length < 2) throw bad("--sizes needs at least two layers, e.g. 784,30,10");
    for (int s : sizes) if (s <= 0) throw bad("--sizes " + sizesText() + ": every layer size must be positive");
    positive("--epochs", epochs);
    positive("--batch-size", batchSize);
    if (!(eta > 0) || !Double.isFinite(eta)) throw bad("--eta " + eta + ": the learning rate must be a positive number");
    if (!(lambda >= 0) || !Double.isFinite(lambda)) throw bad("--lambda " + lambda + ": the L2 strength must be a number >= 0");
    if (trainLimit < 0) throw bad("--train-limit " + trainLimit + ": use 0 for all samples or a positive count");
    if (testLimit < 0) throw bad("--test-limit " + testLimit + ": use 0 for all samples or a positive count");
    if (syncEvery < 0) throw bad("--sync-every " + syncEvery + ": use a positive number of local steps, or epoch");
    if (partitions < 0) throw bad("--partitions " + partitions + ": use 0 for Spark's default parallelism or a positive count");
    spec();  // refuses undefined activation/cost pairs
    return this;
  }

  public NetworkSpec spec() { return new NetworkSpec(new Layout(sizes), activation, cost); }

  public String sizesText() { return String.join(",", Arrays.stream(sizes).mapToObj(String::valueOf).toList()); }

  /** The hyperparameters as table columns (snake_case), in a fixed order. */
  public LinkedHashMap<String, Object> hyperparameters() {
    LinkedHashMap<String, Object> h = new LinkedHashMap<>();
    h.put("sizes", sizesText());
    h.put("activation", activation.id());
    h.put("cost", cost.id());
    h.put("init", init.id());
    h.put("epochs", epochs);
    h.put("batch_size", batchSize);
    h.put("eta", eta);
    h.put("lambda", lambda);
    h.put("seed", seed);
    h.put("sync_every", syncText());
    return h;
  }

  /** Every setting, for the runs table. */
  public LinkedHashMap<String, Object> all() {
    LinkedHashMap<String, Object> h = new LinkedHashMap<>();
    h.put("data", data);
    h.putAll(hyperparameters());
    h.put("train_limit", trainLimit);
    h.put("test_limit", testLimit);
    h.put("monitor", monitor);
    h.put("partitions", partitions);
    return h;
  }

  /** "exact", a number of local steps, or "epoch". */
  public String syncText() {
    return syncEvery == EXACT ? "exact" : syncEvery == ONE_EPOCH ? "epoch" : String.valueOf(syncEvery);
  }

  private static void positive(String name, int v) {
    if (v <= 0) throw bad(name + " " + v + ": must be a positive whole number");
  }

  private static IllegalArgumentException bad(String msg) { return new IllegalArgumentException(msg); }
}
