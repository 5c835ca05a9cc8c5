package org.nndl.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.nndl.bench.Bench;
import org.nndl.bench.ParallelSpeed;
import org.nndl.bench.RoundCost;
import org.nndl.train.parallel.SyncRule;
import java.util.function.IntFunction;
import org.nndl.bench.ScalingModel;
import org.nndl.bench.ScalingTable;
import org.nndl.train.parallel.CostModel;
import java.util.Arrays;
import org.nndl.bench.Measure;
import org.nndl.bench.MlpComparison;
import org.nndl.bench.NotebookBench;
import org.nndl.bench.StartupBench;
import org.nndl.ml.NetworkClassifier;
import org.nndl.data.DataSource;
import org.nndl.data.Sessions;
import org.nndl.data.TrainTest;
import org.nndl.error.UserError;
import org.nndl.metrics.ResultFormat;
import org.nndl.metrics.ResultPrinter;
import org.nndl.run.NamedSettings;
import org.nndl.train.TrainSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code bench}: the speed table of README.md, measured in one Spark session. */
@Command(name = "bench", mixinStandardHelpOptions = true,
    description = "Measure per-step cost, epoch speed, evaluation, cache size and driver heap on [784,30,10].")
final class BenchCommand implements Callable<Integer> {
  @Option(names = "--size", defaultValue = "60000", description = "training samples: the bundled digits with one-pixel shifts (default: ${DEFAULT-VALUE})")
  int size;
  @Option(names = "--partitions", paramLabel = "auto|N",
      description = "partitions of the one-job-per-step sets; auto and 0 = Spark's default parallelism (the automatic plan's lines choose their own) (default: ${DEFAULT-VALUE})")
  String partitions;
  @Option(names = "--floor-reps", defaultValue = "300", description = "bare steps timed for the floor (default: ${DEFAULT-VALUE})")
  int floorReps;
  @Option(names = "--sync", split = ",", defaultValue = "10,100,epoch",
      description = "local-SGD settings to time beside the exact mode (default: ${DEFAULT-VALUE})")
  List<String> syncEvery;
  @Option(names = "--expanded",
      description = "instead of the table: steps on the book's 5x expanded set (a view of the cached set) against the set's own, and its cache size")
  boolean expanded;
  @Option(names = "--kernel",
      description = "instead of the table: the executor's kernel alone (m=10, one thread, samples/s per core), evaluation, and fused steps in Spark against the kernel")
  boolean kernel;
  @Option(names = "--crossover", split = ",", paramLabel = "M",
      description = "instead of the table: exact epochs of 10,000 samples at these m, fused steps on 1 partition against one job per step on --partitions")
  int[] crossover;
  @Option(names = "--mlp", paramLabel = "DATA",
      description = "instead of the table: Spark's MultilayerPerceptronClassifier (l-bfgs, its defaults) against NetworkClassifier (m=10, eta 0.5, lambda 5) on DATA (IDX files, as --data), fit wall time and test accuracy")
  String mlp;
  @Option(names = "--mlp-hidden", split = ",", defaultValue = "30,100", description = "--mlp: the hidden layer sizes compared, one network each (default: ${DEFAULT-VALUE})")
  int[] mlpHidden;
  @Option(names = "--mlp-epochs", defaultValue = "30", description = "--mlp: NetworkClassifier's epochs (default: ${DEFAULT-VALUE})")
  int mlpEpochs;
  @Option(names = "--versus-mlp", paramLabel = "DATA[,DATA...]", split = ",",
      description = "instead of the table: Spark's MultilayerPerceptronClassifier at its defaults (l-bfgs, maxIter 100, blockSize 128) against NetworkClassifier at its defaults, on each DATA (IDX files, as --data: sample, or a folder) and each --mlp-hidden size, fit wall time and test accuracy with their ratios, and the load average before and after")
  List<String> versusMlp;
  @Option(names = "--scaling", paramLabel = "DATA",
      description = "instead of the table: the parallel plan (--sync-every auto) against exact SGD on DATA (IDX files, as --data), test accuracy of the last 3 epochs per worker count and seed, in one process with the plan's bits; a Markdown table on stdout")
  String scaling;
  @Option(names = "--scaling-sizes", split = ",", defaultValue = "784,30,10", description = "--scaling: the layers (default: ${DEFAULT-VALUE})")
  int[] scalingSizes;
  @Option(names = "--scaling-workers", split = ",", defaultValue = "2,4,8,16", description = "--scaling: worker counts N (default: ${DEFAULT-VALUE})")
  int[] scalingWorkers;
  @Option(names = "--scaling-seeds", split = ",", defaultValue = "1,2,3", description = "--scaling: seeds (default: ${DEFAULT-VALUE})")
  long[] scalingSeeds;
  @Option(names = "--scaling-eta", defaultValue = "0.1", description = "--scaling: eta (default: ${DEFAULT-VALUE})")
  double scalingEta;
  @Option(names = "--scaling-lambda", defaultValue = "5.0", description = "--scaling: lambda (default: ${DEFAULT-VALUE})")
  double scalingLambda;
  @Option(names = "--scaling-epochs", defaultValue = "10", description = "--scaling: epochs (default: ${DEFAULT-VALUE})")
  int scalingEpochs;
  @Option(names = "--scaling-rule", defaultValue = "auto", paramLabel = "auto|last-w|heavy-ball|average",
      description = "--scaling: auto = --sync-every auto's rule; last-w = the same with each epoch's last w as its model instead of the mean of its last half of rounds; heavy-ball = last-w with the heavy ball instead of Nesterov; average = plain model averaging, workers at eta (default: ${DEFAULT-VALUE})")
  String scalingRule;
  @Option(names = "--scaling-local-share", defaultValue = "0.5", paramLabel = "S",
      description = "--scaling: the workers' rate is eta N^S, the outer momentum the rest of the amplification (default: ${DEFAULT-VALUE}, auto's)")
  double scalingLocalShare;
  @Option(names = "--scaling-amplification", defaultValue = "1.5", paramLabel = "A",
      description = "--scaling: the workers' rate and the outer momentum together give A x N (1 to 4; default: ${DEFAULT-VALUE}, auto's)")
  double scalingAmplification;
  @Option(names = "--scaling-round", defaultValue = "2400",
      description = "--scaling: the samples all workers walk together in a round (auto: 2400) (default: ${DEFAULT-VALUE})")
  int scalingRound;
  @Option(names = "--parallel",
      description = "instead of the table: the parallel plan (N = the master's cores) against exact fused steps, [784,100,10], 60,000 shifted digits, 10 epochs, eta 0.1, lambda 5; train seconds and accuracy, --parallel-rounds alternated runs each")
  boolean parallel;
  @Option(names = "--parallel-rounds", defaultValue = "2", description = "--parallel: runs of each plan (default: ${DEFAULT-VALUE})")
  int parallelRounds;
  @Option(names = "--scaling-expand", description = "--scaling: train on the book's 5x expanded set of DATA's training images")
  boolean scalingExpand;
  @Option(names = "--rounds",
      description = "instead of the table: one round of the parallel plan ([784,100,10]'s parameters) through the driver's hub, through Spark's allGather, and as one Spark job per round, on this master's slots")
  boolean rounds;
  @Option(names = "--rounds-slots", defaultValue = "0",
      description = "--rounds: the barrier stages' tasks, one core each (0 = Spark's default parallelism; on local-cluster[S,1,M] give S) (default: ${DEFAULT-VALUE})")
  int roundsSlots;
  @Option(names = "--scaling-model", paramLabel = "N:MS,...",
      description = "instead of the table: the scaling model of docs/scaling.md from round costs measured by bench --rounds at N executors (e.g. 2:4.1,4:6.0,8:11.2, milliseconds), the kernel's time per sample measured here on --scaling-sizes, and --stage-ms; a table on stdout and --scaling-chart")
  String scalingModel;
  @Option(names = "--stage-ms", defaultValue = "30", description = "--scaling-model: a stage's cost per epoch, ms (default: ${DEFAULT-VALUE})")
  double stageMs;
  @Option(names = "--exact-epoch-s", defaultValue = "0",
      description = "--scaling-model: exact fused steps' train seconds per epoch of --model-samples (bench --parallel's exact line / 10); 0 = the kernel's own time (default: ${DEFAULT-VALUE})")
  double exactEpochSeconds;
  @Option(names = "--model-samples", defaultValue = "60000", description = "--scaling-model: the training set's size n (default: ${DEFAULT-VALUE})")
  long modelSamples;
  @Option(names = "--scaling-chart", defaultValue = "scaling.png", description = "--scaling-model: the chart's PNG (default: ${DEFAULT-VALUE})")
  Path scalingChart;
  @Option(names = "--notebook",
      description = "instead of the table: the notebook's experiment, ./submit train against numpy (src/test/python/notebook_nn2.py, needs python3 with numpy), --startup-rounds rounds")
  boolean notebook;
  @Option(names = "--startup-rounds", defaultValue = "3",
      description = "rounds of the start-up lines (tiny train and query against a bare Spark application), 0 = none (default: ${DEFAULT-VALUE})")
  int startupRounds;
  @Option(names = "--out", defaultValue = "bench.csv", description = "the table as CSV (default: ${DEFAULT-VALUE})")
  Path out;

  @Override
  public Integer call() throws IOException, InterruptedException, java.util.concurrent.ExecutionException {
    if (size < 10_000) throw new UserError("--size " + size + ": use at least 10000 samples");
    if (floorReps < 5) throw new UserError("--floor-reps " + floorReps + ": use at least 5");
    int partitions = Math.max(0, NamedSettings.partitions(this.partitions));
    TrainSettings book = TrainSettings.builder().epochs(1).partitions(partitions).build().validate();
    if (startupRounds < 0) throw new UserError("--startup-rounds " + startupRounds + ": use 0 for none");
    String home = System.getProperty("nndl.home");
    if (scaling != null) return scaling();
    if (scalingModel != null) return scalingModel();
    if (notebook) {
      if (home == null) throw new UserError("--notebook runs ./submit: start the bench with ./submit bench --notebook");
      if (startupRounds < 1) throw new UserError("--notebook times --startup-rounds rounds: use at least 1");
      List<Measure> run = new NotebookBench(Path.of(home), startupRounds).run();  // child processes, this JVM idle
      return print(Sessions.getOrCreate("nndl-spark bench"), run);
    }
    boolean startupLines = startupRounds > 0 && !expanded && !kernel && crossover == null && mlp == null && versusMlp == null
        && !rounds && !parallel;
    if (startupLines && home == null) {
      throw new UserError("the start-up lines run ./submit: start the bench with ./submit bench, or pass --startup-rounds 0");
    }
    // First, while this JVM is idle: child processes timed against each other.
    List<Measure> startup = startupLines ? new StartupBench(Path.of(home), startupRounds).run() : List.of();
    SparkSession spark = Sessions.getOrCreate("nndl-spark bench");
    if (mlp != null) return print(spark, mlp());
    if (versusMlp != null) return print(spark, versusMlp());
    if (parallel) {
      if (parallelRounds < 1) throw new UserError("--parallel-rounds " + parallelRounds + ": use at least 1");
      TrainTest digits = DataSource.load("sample", null, 0, 0);
      return print(spark, new ParallelSpeed(JavaSparkContext.fromSparkContext(spark.sparkContext()), digits.train(),
          digits.test()).run(parallelRounds));
    }
    if (rounds) {
      JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
      return print(spark, new RoundCost(jsc, new org.nndl.net.Layout(new int[] {784, 100, 10}).parameterCount(), roundsSlots).run(50, 5));
    }
    TrainTest digits = DataSource.load("sample", null, 0, 0);
    JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    int p = partitions > 0 ? partitions : sc.defaultParallelism();
    System.err.println("bench: " + size + " samples of [784,30,10], " + p + " partitions, master " + sc.master());
    Bench bench = new Bench(sc, book, digits.train(), digits.test(), size, p, floorReps,
        syncEvery.stream().mapToInt(NamedSettings::syncEvery).filter(k -> k != TrainSettings.EXACT).toArray());
    List<Measure> measures = new ArrayList<>(startup);
    measures.addAll(expanded ? bench.expandedView() : kernel ? bench.kernel()
        : crossover != null ? bench.crossover(crossover) : bench.run());
    return print(spark, measures);
  }

  /** --scaling: the accuracy table of docs/scaling.md, no Spark session. */
  private Integer scaling() throws InterruptedException, java.util.concurrent.ExecutionException {
    TrainSettings check = TrainSettings.builder().sizes(scalingSizes).eta(scalingEta).lambda(scalingLambda)
        .epochs(scalingEpochs).build().validate();
    for (int n : scalingWorkers) if (n < 2) throw new UserError("--scaling-workers " + n + ": use 2 or more");
    if (scalingRound < 1) throw new UserError("--scaling-round " + scalingRound + ": use a positive sample count");
    if (!(scalingLocalShare >= 0 && scalingLocalShare <= 1)) {
      throw new UserError("--scaling-local-share " + scalingLocalShare + ": use a number from 0 to 1");
    }
    if (!(scalingAmplification >= 1 && scalingAmplification <= 4)) {
      throw new UserError("--scaling-amplification " + scalingAmplification + ": use a number from 1 to 4");
    }
    TrainTest data = DataSource.load(scaling, null, 0, 0);
    org.nndl.data.Dataset train = scalingExpand ? org.nndl.data.Shift.expand(data.train()) : data.train();
    org.nndl.cache.DataChecks.check(check.spec(), train, "training");
    System.err.println("bench --scaling: " + train.size() + " training and " + data.test().size() + " test samples, "
        + check.sizesText() + ", eta " + scalingEta + ", lambda " + scalingLambda + ", " + scalingEpochs + " epochs");
    int m = check.batchSize();
    IntFunction<SyncRule> rule = switch (scalingRule) {
      case "auto" -> n -> SyncRule.auto(n, m, scalingEta, design(true, true));
      case "last-w" -> n -> SyncRule.auto(n, m, scalingEta, design(true, false));
      case "heavy-ball" -> n -> SyncRule.auto(n, m, scalingEta, design(false, false));
      case "average" -> n -> SyncRule.averaging(SyncRule.auto(n, m, scalingEta, design(true, false)).stepsPerRound());
      default -> throw new UserError("--scaling-rule " + scalingRule + ": use auto, last-w, heavy-ball or average");
    };
    ScalingTable table = new ScalingTable(train, data.test(), scalingSizes, m, scalingEta, scalingLambda, scalingEpochs, rule);
    List<ScalingTable.Run> runs = table.runAll(scalingWorkers, scalingSeeds, Runtime.getRuntime().availableProcessors());
    System.out.print(ScalingTable.markdown(runs, scalingWorkers, scalingSeeds));
    return 0;
  }

  private SyncRule.Design design(boolean nesterov, boolean tailMean) {
    return new SyncRule.Design(scalingRound, nesterov, tailMean, scalingLocalShare, scalingAmplification);
  }

  /** --scaling-model: the cost model's table and chart, no Spark session. */
  private Integer scalingModel() throws IOException {
    String[] points = scalingModel.split(",");
    int[] workers = new int[points.length];
    double[] seconds = new double[points.length];
    for (int i = 0; i < points.length; i++) {
      String[] kv = points[i].split(":");
      try {
        workers[i] = Integer.parseInt(kv[0]);
        seconds[i] = Double.parseDouble(kv[1]) / 1e3;
      } catch (RuntimeException e) {
        throw new UserError("--scaling-model " + scalingModel + ": use N:MS pairs, e.g. 2:4.1,4:6.0,8:11.2");
      }
    }
    TrainTest data = DataSource.load("sample", null, 0, 0);
    double s = ScalingModel.sampleSeconds(data.train(), scalingSizes, 10);
    double[] ab = CostModel.fitRound(workers, seconds);
    double e = exactEpochSeconds > 0 ? exactEpochSeconds / modelSamples : s;
    CostModel model = new CostModel(s, e, ab[0], ab[1], stageMs / 1e3);
    System.out.print(ScalingModel.table(model, modelSamples, 10, scalingEta, new int[] {2, 4, 8, 16, 32, 64}));
    ScalingModel.chart(model, modelSamples, 10, scalingEta, "[" + String.join(",",
        Arrays.stream(scalingSizes).mapToObj(String::valueOf).toList()) + "], " + modelSamples + " samples, m = 10", scalingChart);
    System.err.println("bench --scaling-model: chart written to " + scalingChart);
    return 0;
  }

  /** --mlp: both classifiers on each hidden size, in this one Spark session. */
  private List<Measure> mlp() {
    if (mlpEpochs < 1) throw new UserError("--mlp-epochs " + mlpEpochs + ": use at least 1");
    SparkSession spark = SparkSession.active();
    TrainTest data = DataSource.load(mlp, null, 0, 0);
    System.err.println("bench --mlp: " + data.train().size() + " training and " + data.test().size() + " test rows, master "
        + spark.sparkContext().master());
    MlpComparison c = new MlpComparison(spark, data, "");
    List<Measure> measures = new ArrayList<>();
    for (int h : mlpHidden) measures.addAll(c.run(h, mlpEpochs + " epochs m=10 eta 0.5 lambda 5", MlpComparison.book(mlpEpochs)));
    return measures;
  }

  /** --versus-mlp: both classifiers at their defaults on each data set and hidden size, in this one Spark session. */
  private List<Measure> versusMlp() {
    SparkSession spark = SparkSession.active();
    List<Measure> measures = new ArrayList<>(List.of(MlpComparison.load("before")));
    for (String d : versusMlp) {
      TrainTest data = DataSource.load(d, null, 0, 0);
      System.err.println("bench --versus-mlp " + d + ": " + data.train().size() + " training and " + data.test().size()
          + " test rows, master " + spark.sparkContext().master());
      MlpComparison c = new MlpComparison(spark, data, Path.of(d).getFileName().toString());
      for (int h : mlpHidden) measures.addAll(c.run(h, "at its defaults", new NetworkClassifier()));
    }
    measures.add(MlpComparison.load("after"));
    return measures;
  }

  /** The table on the console and as CSV in --out. */
  private Integer print(SparkSession spark, List<Measure> measures) throws IOException {
    Dataset<Row> table = spark.createDataFrame(measures.stream().map(m -> RowFactory.create(
        m.name(), m.value(), m.unit(), m.target(), m.met() == null ? "" : m.met() ? "yes" : "NO")).toList(), schema());
    ResultPrinter.print(table, ResultFormat.TABLE, System.out);
    try (PrintStream csv = new PrintStream(Files.newOutputStream(out), true, "UTF-8")) {
      ResultPrinter.print(table, ResultFormat.CSV, csv);
    }
    System.err.println("bench: table written to " + out);
    return 0;
  }

  private static StructType schema() {
    return new StructType()
        .add("measure", DataTypes.StringType).add("value", DataTypes.DoubleType).add("unit", DataTypes.StringType)
        .add("target", DataTypes.StringType).add("met", DataTypes.StringType);
  }
}
