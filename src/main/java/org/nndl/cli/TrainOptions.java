package org.nndl.cli;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.nndl.error.UserError;
import org.nndl.run.NamedSettings;
import org.nndl.train.FrameSets;
import org.nndl.train.TrainSettings;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine;

/**
 * The options that define what a run trains (shared by {@code train} and {@code sweep}); a
 * checkpoint stores their values so that {@code --resume} rebuilds exactly the same settings.
 */
final class TrainOptions {
  @Mixin DataOption data;
  @Option(names = "--test-data", paramLabel = "SPEC", description = "libsvm:PATH, csv:PATH or parquet:PATH: the test set"
      + " of a --data of the same kind (default: hold out --test-fraction of --data)")
  String testData;
  @Option(names = "--label-col", description = "the label column of libsvm:/csv:/parquet: data (default: label, or a CSV's first column)")
  String labelCol;
  @Option(names = "--features-col", description = "the vector column of the features (default: features when it is"
      + " one, else every other numeric column in order)")
  String featuresCol;
  @Option(names = "--input-scale", paramLabel = "X", description = "divide every feature of libsvm:/csv:/parquet: data by X"
      + " (IDX pixels: always 255) (default: 1)")
  Double inputScale;
  @Option(names = "--test-fraction", paramLabel = "F", description = "without --test-data, the fraction of --data rows"
      + " held out for testing, drawn with --seed (default: 1/7)")
  Double testFraction;
  @Option(names = "--sizes", split = ",", description = "layer sizes, input first (default: ${DEFAULT-VALUE})")
  int[] sizes;
  @Option(names = "--activation", description = "sigmoid | relu | tanh, the hidden layers' neurons (default: ${DEFAULT-VALUE})")
  String activation;
  @Option(names = "--output", description = "sigmoid | softmax | relu | tanh, the output layer (default: as --activation)")
  String output;
  @Option(names = "--cost", description = "cross-entropy | quadratic | log-likelihood (default: ${DEFAULT-VALUE})")
  String cost;
  @Option(names = "--init", description = "default (weights N(0,1/sqrt(n_in))) | large (N(0,1)) (default: ${DEFAULT-VALUE})")
  String init;
  @Option(names = "--epochs", description = "(default: ${DEFAULT-VALUE})")
  int epochs;
  @Option(names = "--batch-size", description = "mini-batch size m (default: ${DEFAULT-VALUE})")
  int batchSize;
  @Option(names = "--eta", split = ",", description = "learning rate; sweep takes a list (default: ${DEFAULT-VALUE})")
  double[] eta;
  @Option(names = "--lambda", split = ",", description = "regularization strength; sweep takes a list (default: ${DEFAULT-VALUE})")
  double[] lambda;
  @Option(names = "--regularization", description = "l2 | l1, the weight penalty --lambda sets (default: ${DEFAULT-VALUE})")
  String regularization;
  @Option(names = "--dropout", paramLabel = "P", description = "drop each hidden neuron with probability P in training, 0 = off (default: ${DEFAULT-VALUE})")
  double dropout;
  @Option(names = "--momentum", paramLabel = "MU", description = "momentum coefficient, 0 = plain SGD (default: ${DEFAULT-VALUE})")
  double momentum;
  @Option(names = "--validation", paramLabel = "N", description = "hold out the last N training samples for validation, 0 = none (default: ${DEFAULT-VALUE})")
  int validation;
  @Option(names = "--early-stop", paramLabel = "N", description = "stop after N epochs without a better validation accuracy, 0 = never (default: ${DEFAULT-VALUE})")
  int earlyStop;
  @Option(names = "--eta-schedule", description = "none | halve: halve eta after --patience epochs without a better validation accuracy, stop at eta/128 (default: ${DEFAULT-VALUE})")
  String etaSchedule;
  @Option(names = "--patience", paramLabel = "N", description = "epochs without improvement before eta is halved (default: ${DEFAULT-VALUE})")
  int patience;
  @Option(names = "--expand", negatable = true, description = "also train on every image shifted one pixel up, down, left and right: 5x the data (default: ${DEFAULT-VALUE})")
  boolean expand;
  @Option(names = "--seed", description = "seed of numpy's default_rng(seed), as in the chapter-3 notebook: the initial weights and each epoch's shuffle (default: ${DEFAULT-VALUE})")
  long seed;
  @Option(names = "--train-limit", description = "use the first N training images, 0 = all (default: ${DEFAULT-VALUE})")
  int trainLimit;
  @Option(names = "--test-limit", description = "use the first N test images, 0 = all (default: ${DEFAULT-VALUE})")
  int testLimit;
  @Option(names = "--monitor", negatable = true, description = "also score the training set each epoch (default: ${DEFAULT-VALUE})")
  boolean monitor;
  @Option(names = "--partitions", paramLabel = "auto|N",
      description = "auto = the run's plan (small m: the training set in 1 partition, steps fused); N = partitions of every set; 0 = Spark's default parallelism (default: ${DEFAULT-VALUE})")
  String partitions;
  @Option(names = "--sync-every", paramLabel = "exact|auto|K|epoch",
      description = "exact = one synchronization per mini-batch (the book's algorithm); auto = the parallel plan: --partitions N workers, rounds with outer momentum in barrier stages of about 10 s of epochs, each epoch's model the mean of its last rounds (docs/scaling.md); K = each partition takes K local steps between averagings; epoch = one averaging per epoch (default: ${DEFAULT-VALUE})")
  String syncEvery;
  /** The settings of a single run: --eta and --lambda must then be one value each. */
  TrainSettings settings() {
    for (double[] list : new double[][] {eta, lambda}) {
      if (list.length != 1) {
        throw new UserError((list == eta ? "--eta" : "--lambda") + " takes one value for a run:"
            + " use ./submit sweep to try a list");
      }
    }
    return settings(eta[0], lambda[0]);
  }

  /** The settings with this eta and lambda (one point of a sweep's grid), by the one mapping of named settings. */
  TrainSettings settings(double eta, double lambda) {
    Map<String, String> v = values();
    v.put("--eta", String.valueOf(eta));
    v.put("--lambda", String.valueOf(lambda));
    return NamedSettings.settings(v).validate();
  }

  /** Where a libsvm:/csv:/parquet: run's sets come from; checked against --data. */
  FrameSets frames(String data) {
    return new FrameSets(testData, labelCol, featuresCol, inputScale == null ? 1 : inputScale,
        testFraction == null ? FrameSets.DEFAULT_TEST_FRACTION : testFraction).validate(data);
  }

  /** Every option's value as text, by option name: what a checkpoint keeps. */
  Map<String, String> values() {
    Map<String, String> v = new LinkedHashMap<>();
    for (OptionSpec o : CommandSpec.forAnnotatedObject(this).options()) {
      Object value = o.getValue();
      String text = value == null ? "" : value instanceof int[] a ? join(Arrays.stream(a).mapToObj(String::valueOf))
          : value instanceof double[] d ? join(Arrays.stream(d).mapToObj(String::valueOf)) : String.valueOf(value);
      v.put(o.longestName(), text);
    }
    return v;
  }

  private static String join(Stream<String> parts) { return String.join(",", parts.toList()); }

  /** Options rebuilt from {@link #values()}: parsed again, so they are checked as on the command line. */
  static TrainOptions of(Map<String, String> values) {
    TrainOptions t = new TrainOptions();
    List<String> args = new ArrayList<>();
    CommandSpec spec = CommandSpec.forAnnotatedObject(t);
    values.forEach((name, text) -> {
      OptionSpec o = spec.findOption(name);
      if (o == null) throw new UserError("the checkpoint has an unknown option " + name + ": it was written by another version");
      if (o.type() == boolean.class) {
        if (Boolean.parseBoolean(text)) args.add(name);
      } else if (!text.isEmpty()) {
        args.add(name + "=" + text);
      }
    });
    new CommandLine(t).parseArgs(args.toArray(String[]::new));
    return t;
  }
}
