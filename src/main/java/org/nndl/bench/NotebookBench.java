package org.nndl.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.nndl.error.UserError;

/**
 * The chapter-3 notebook's experiment end to end (1,000 training digits, 2,000 test, 100 epochs,
 * m = 10, training and test set scored after every epoch): {@code ./submit train} against the same
 * run in numpy (src/test/python/notebook_nn2.py), vectorized over each mini-batch and per sample
 * as network2.py loops. Child processes alternated round by round (medians), after one untimed
 * run of ours and the class archive built from it.
 */
public final class NotebookBench {
  /** Issue 11's target for our whole run: twice the numpy run it measured, 5.6 s. */
  static final double TARGET_SECONDS = 2 * 5.6;
  private static final String SCRIPT = "src/test/python/notebook_nn2.py";

  private final Path home;
  private final int rounds;

  /** @param home the project folder: submit, conf/, target/nndl-spark.jar and the numpy script */
  public NotebookBench(Path home, int rounds) {
    this.home = home;
    this.rounds = rounds;
  }

  public List<Measure> run() {
    Path wh = StartupBench.tempDir();
    try {
      return run(wh);
    } finally {
      StartupBench.delete(wh);
    }
  }

  private List<Measure> run(Path wh) {
    List<String> ours = List.of(home.resolve("submit").toString(), "train", "--seed", "3", "--train-limit", "1000",
        "--epochs", "100", "--lambda", "0", "--monitor", "--warehouse", wh.toString());
    List<String> batched = numpy(true), perSample = numpy(false);
    StartupBench.seconds(ours);
    StartupBench.awaitClassArchives(home.resolve("target").resolve("class-archives"));
    double[] o = new double[rounds], b = new double[rounds], s = new double[rounds];
    for (int r = 0; r < rounds; r++) {
      o[r] = StartupBench.seconds(ours);
      b[r] = StartupBench.seconds(batched);
      s[r] = StartupBench.seconds(perSample);
    }
    double os = Timings.median(o), bs = Timings.median(b), ss = Timings.median(s);
    String of = ", median of " + rounds;
    List<Measure> out = new ArrayList<>();
    out.add(Measure.atMost("notebook run: ./submit train (1,000/2,000 digits, 100 epochs, monitored)" + of, os, "s", TARGET_SECONDS));
    out.add(Measure.of("notebook run: numpy, vectorized over each mini-batch (notebook_nn2.py --batched)" + of, bs, "s"));
    out.add(Measure.of("notebook run: numpy, per sample as network2.py (notebook_nn2.py)" + of, ss, "s"));
    out.add(Measure.atMost("notebook run: ours / numpy vectorized", os / bs, "x", 2.0));
    out.add(Measure.of("notebook run: ours / numpy per sample", os / ss, "x"));
    return out;
  }

  /** The numpy run's command: the notebook's settings, the script's defaults. */
  List<String> numpy(boolean batched) {
    Path script = home.resolve(SCRIPT);
    if (!Files.isRegularFile(script)) {
      throw new UserError("--notebook needs " + script + ": run the bench from the project's folder");
    }
    List<String> cmd = new ArrayList<>(List.of("python3", script.toString(), "--seed", "3", "--train-limit", "1000",
        "--epochs", "100", "--lambda", "0"));
    if (batched) cmd.add("--batched");
    return cmd;
  }
}
