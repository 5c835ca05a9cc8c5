package org.nndl.train;

import java.util.Arrays;
import java.util.LinkedHashMap;
import org.nndl.error.UserError;
import org.nndl.net.Activation;
import org.nndl.net.Cost;
import org.nndl.net.Dropout;
import org.nndl.net.Initializer;
import org.nndl.net.Layout;
import org.nndl.net.NetworkSpec;
import org.nndl.net.Output;
import org.nndl.net.Sgd;

/** Every setting of a training run; {@link #validate()} says in one line what is wrong. */
public record TrainSettings(
    String data, int[] sizes, Activation activation, Output output, Cost cost, Initializer init,
    int epochs, int batchSize, double eta, double lambda, long seed,
    int trainLimit, int testLimit, boolean monitor, int partitions, int syncEvery, Techniques techniques) {

  /** Settings built by name, starting from network2.py's book settings: no two numbers can be swapped silently. */
  public static Builder builder() { return new Builder(); }

  /** These settings as a builder, to change some by name. */
  public Builder toBuilder() {
    return builder().data(data).sizes(sizes).activation(activation).output(output).cost(cost).init(init).epochs(epochs)
        .batchSize(batchSize).eta(eta).lambda(lambda).seed(seed).trainLimit(trainLimit).testLimit(testLimit)
        .monitor(monitor).partitions(partitions).syncEvery(syncEvery).techniques(techniques);
  }

  /** The same settings with other techniques. */
  public TrainSettings with(Techniques t) { return toBuilder().techniques(t).build(); }

  /**
   * Every setting by name. Defaults: the bundled digits, [784,30,10] sigmoid with cross-entropy
   * (the output layer as the hidden ones unless set), 30 epochs of m = 10, eta 0.5, lambda 5.0,
   * seed 1, all samples, no monitoring, Spark's default partitions, exact SGD, no techniques.
   */
  public static final class Builder {
    private String data = "sample";
    private int[] sizes = {784, 30, 10};
    private Activation activation = Activation.SIGMOID;
    private Output output;
    private Cost cost = Cost.CROSS_ENTROPY;
    private Initializer init = Initializer.DEFAULT;
    private int epochs = 30;
    private int batchSize = 10;
    private double eta = 0.5;
    private double lambda = 5.0;
    private long seed = 1;
    private int trainLimit;
    private int testLimit;
    private boolean monitor;
    private int partitions;
    private int syncEvery = EXACT;
    private Techniques techniques = Techniques.NONE;

    private Builder() {}

    public Builder data(String v) { data = v; return this; }
    public Builder sizes(int... v) { sizes = v.clone(); return this; }
    public Builder activation(Activation v) { activation = v; return this; }
    /** The output layer's activation; unset (null), the hidden layers' one as in network2.py. */
    public Builder output(Output v) { output = v; return this; }
    public Builder cost(Cost v) { cost = v; return this; }
    public Builder init(Initializer v) { init = v; return this; }
    public Builder epochs(int v) { epochs = v; return this; }
    public Builder batchSize(int v) { batchSize = v; return this; }
    public Builder eta(double v) { eta = v; return this; }
    public Builder lambda(double v) { lambda = v; return this; }
    public Builder seed(long v) { seed = v; return this; }
    public Builder trainLimit(int v) { trainLimit = v; return this; }
    public Builder testLimit(int v) { testLimit = v; return this; }
    public Builder monitor(boolean v) { monitor = v; return this; }
    public Builder partitions(int v) { partitions = v; return this; }
    /** {@link #EXACT}, a number of local steps, or {@link #ONE_EPOCH}. */
    public Builder syncEvery(int v) { syncEvery = v; return this; }
    public Builder techniques(Techniques v) { techniques = v; return this; }

    /** The settings, not yet validated (see {@link TrainSettings#validate()}). */
    public TrainSettings build() {
      return new TrainSettings(data, sizes, activation, output != null ? output : Output.of(activation), cost, init,
          epochs, batchSize, eta, lambda, seed, trainLimit, testLimit, monitor, partitions, syncEvery, techniques);
    }
  }

  /** syncEvery for one synchronization per epoch. */
  public static final int ONE_EPOCH = Integer.MAX_VALUE;

  /** syncEvery for the exact algorithm: one synchronization per mini-batch. */
  public static final int EXACT = 0;

  /** syncEvery for the parallel plan ({@code --sync-every auto}): --partitions N workers, rounds by {@link org.nndl.train.parallel.SyncRule#auto}. */
  public static final int SYNC_AUTO = -1;

  /** partitions chosen by the {@link Plan} (--partitions auto). */
  public static final int AUTO = -1;

  /** partitions = Spark's default parallelism (--partitions 0). */
  public static final int DEFAULT_PARALLELISM = 0;

  /** Throws a UserError naming the bad setting and what to do. */
  public TrainSettings validate() {
    if (sizes == null || sizes.length < 2) throw bad("--sizes needs at least two layers, e.g. 784,30,10");
    for (int s : sizes) if (s <= 0) throw bad("--sizes " + sizesText() + ": every layer size must be positive");
    positive("--epochs", epochs);
    positive("--batch-size", batchSize);
    if (!(eta > 0) || !Double.isFinite(eta)) throw bad("--eta " + eta + ": the learning rate must be a positive number");
    if (!(lambda >= 0) || !Double.isFinite(lambda)) throw bad("--lambda " + lambda + ": the L2 strength must be a number >= 0");
    if (trainLimit < 0) throw bad("--train-limit " + trainLimit + ": use 0 for all samples or a positive count");
    if (testLimit < 0) throw bad("--test-limit " + testLimit + ": use 0 for all samples or a positive count");
    if (syncEvery < 0 && syncEvery != SYNC_AUTO) {
      throw bad("--sync-every " + syncEvery + ": use exact, auto, a positive number of local steps, or epoch");
    }
    if (syncEvery == SYNC_AUTO && partitions < 2) {
      throw bad("--sync-every auto needs --partitions N, the workers, with N >= 2 (e.g. --partitions 4)");
    }
    if (syncEvery == SYNC_AUTO && trainLimit > 0 && partitions > trainLimit) {
      throw bad("--partitions " + partitions + ": more workers than the " + trainLimit + " training samples of --train-limit;"
          + " use at most " + trainLimit);
    }
    if (seed < 0) throw bad("--seed " + seed + ": use 0 or more (numpy's default_rng(seed) takes non-negative integers)");
    if (partitions < 0 && partitions != AUTO) {
      throw bad("--partitions " + partitions + ": use auto, 0 for Spark's default parallelism, or a positive count");
    }
    techniques.validate(syncEvery == EXACT, sizes.length);
    spec();  // refuses undefined output/cost pairs
    return this;
  }

  public NetworkSpec spec() { return new NetworkSpec(new Layout(sizes), activation, output, cost); }

  /**
   * The step rule at the learning rate in force, which the run's {@link Schedule} holds ({@link #eta}
   * is only where it starts).
   */
  public Sgd sgd(double etaInForce) {
    return new Sgd(batchSize, etaInForce, lambda, techniques.regularization(), techniques.momentum(), dropout());
  }

  /** Dropout with masks seeded by the run's seed. */
  public Dropout dropout() {
    return techniques.dropout() > 0 ? new Dropout(techniques.dropout(), seed) : Dropout.NONE;
  }

  public String sizesText() { return String.join(",", Arrays.stream(sizes).mapToObj(String::valueOf).toList()); }

  /** The hyperparameters as table columns (snake_case), in a fixed order. */
  public LinkedHashMap<String, Object> hyperparameters() {
    LinkedHashMap<String, Object> h = new LinkedHashMap<>();
    h.put("sizes", sizesText());
    h.put("activation", activation.id());
    h.put("output", output.id());
    h.put("cost", cost.id());
    h.put("init", init.id());
    h.put("epochs", epochs);
    h.put("batch_size", batchSize);
    h.put("eta", eta);
    h.put("lambda", lambda);
    h.put("regularization", techniques.regularization().id());
    h.put("dropout", techniques.dropout());
    h.put("momentum", techniques.momentum());
    h.put("validation", techniques.validation());
    h.put("early_stop", techniques.earlyStop());
    h.put("eta_schedule", techniques.halveEta() ? "halve" : "none");
    h.put("patience", techniques.patience());
    h.put("expand", techniques.expand());
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

  /** "exact", "auto", a number of local steps, or "epoch". */
  public String syncText() {
    return syncEvery == EXACT ? "exact" : syncEvery == ONE_EPOCH ? "epoch" : syncEvery == SYNC_AUTO ? "auto"
        : String.valueOf(syncEvery);
  }

  private static void positive(String name, int v) {
    if (v <= 0) throw bad(name + " " + v + ": must be a positive whole number");
  }

  private static UserError bad(String msg) { return new UserError(msg); }
}
