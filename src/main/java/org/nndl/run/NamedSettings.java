package org.nndl.run;

import java.util.Arrays;
import java.util.Map;
import org.nndl.error.UserError;
import org.nndl.net.Activation;
import org.nndl.net.Cost;
import org.nndl.net.Initializer;
import org.nndl.net.Output;
import org.nndl.net.Regularization;
import org.nndl.train.Techniques;
import org.nndl.train.TrainSettings;

/**
 * The one mapping from a run's settings as people write them to {@link TrainSettings}, keyed by
 * the command line's option names ({@code "--eta" -> "0.5"}): {@code ./submit train} gives its
 * options' values as they are, the estimator gives its params' under these names
 * ({@code ml/NetworkParamSet#OPTIONS}). Every text is parsed here, refusals worded for the command
 * line (the estimator says them again in its params' words). A setting not given, or given as an
 * empty text, keeps the book's default ({@link TrainSettings#builder()}); partitions default to
 * auto, the run's plan.
 */
public final class NamedSettings {
  private static final TrainSettings BOOK = TrainSettings.builder().build();

  private NamedSettings() {}

  /** The settings the values name, built but not validated ({@link TrainSettings#validate()}). */
  public static TrainSettings settings(Map<String, String> v) {
    Activation act = has(v, "--activation") ? Activation.parse(v.get("--activation")) : BOOK.activation();
    Techniques none = Techniques.NONE;
    Techniques t = new Techniques(
        has(v, "--regularization") ? Regularization.parse(v.get("--regularization")) : none.regularization(),
        num(v, "--dropout", none.dropout()), num(v, "--momentum", none.momentum()),
        whole(v, "--validation", none.validation()), whole(v, "--early-stop", none.earlyStop()),
        has(v, "--eta-schedule") ? halve(v.get("--eta-schedule")) : none.halveEta(), whole(v, "--patience", none.patience()),
        has(v, "--expand") ? Boolean.parseBoolean(v.get("--expand")) : none.expand());
    return TrainSettings.builder()
        .data(has(v, "--data") ? v.get("--data") : BOOK.data())
        .sizes(v.containsKey("--sizes") ? sizes(v.get("--sizes")) : BOOK.sizes())
        .activation(act)
        .output(has(v, "--output") ? Output.parse(v.get("--output")) : Output.of(act))
        .cost(has(v, "--cost") ? Cost.parse(v.get("--cost")) : BOOK.cost())
        .init(has(v, "--init") ? Initializer.parse(v.get("--init")) : BOOK.init())
        .epochs(whole(v, "--epochs", BOOK.epochs()))
        .batchSize(whole(v, "--batch-size", BOOK.batchSize()))
        .eta(num(v, "--eta", BOOK.eta()))
        .lambda(num(v, "--lambda", BOOK.lambda()))
        .seed(has(v, "--seed") ? Long.parseLong(v.get("--seed")) : BOOK.seed())
        .trainLimit(whole(v, "--train-limit", BOOK.trainLimit()))
        .testLimit(whole(v, "--test-limit", BOOK.testLimit()))
        .monitor(has(v, "--monitor") ? Boolean.parseBoolean(v.get("--monitor")) : BOOK.monitor())
        .partitions(partitions(v.get("--partitions")))
        .syncEvery(syncEvery(v.get("--sync-every")))
        .techniques(t).build();
  }

  /** --partitions: auto (or nothing) for the plan's choice, 0 for Spark's default parallelism, or a positive count. */
  public static int partitions(String text) {
    if (text == null || text.isEmpty() || text.equals("auto")) return TrainSettings.AUTO;
    try {
      int p = Integer.parseInt(text);
      if (p >= 0) return p;
    } catch (NumberFormatException ignored) {
      // reported below
    }
    throw new UserError("--partitions " + text + ": use auto, 0 for Spark's default parallelism, or a positive count");
  }

  /** --sync-every: exact (or nothing), auto (the parallel plan), a positive number K of local steps, or epoch. */
  public static int syncEvery(String text) {
    if (text == null || text.isEmpty() || text.equals("exact")) return TrainSettings.EXACT;
    if (text.equals("epoch")) return TrainSettings.ONE_EPOCH;
    if (text.equals("auto")) return TrainSettings.SYNC_AUTO;
    try {
      int k = Integer.parseInt(text);
      if (k > 0) return k;
    } catch (NumberFormatException ignored) {
      // reported below
    }
    throw new UserError("--sync-every " + text + ": use exact, auto, a positive number of local steps, or epoch");
  }

  /** --eta-schedule: none or halve. */
  public static boolean halve(String schedule) {
    if (schedule == null || schedule.equals("none")) return false;
    if (schedule.equals("halve")) return true;
    throw new UserError("--eta-schedule " + schedule + ": use none or halve");
  }

  private static boolean has(Map<String, String> v, String name) {
    String text = v.get(name);
    return text != null && !text.isBlank();
  }

  private static int whole(Map<String, String> v, String name, int book) {
    return has(v, name) ? Integer.parseInt(v.get(name)) : book;
  }

  private static double num(Map<String, String> v, String name, double book) {
    return has(v, name) ? Double.parseDouble(v.get(name)) : book;
  }

  private static int[] sizes(String text) {
    return text.isBlank() ? new int[0] : Arrays.stream(text.split(",")).mapToInt(s -> Integer.parseInt(s.trim())).toArray();
  }
}
