package org.nndl.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nndl.data.DataSource;
import org.nndl.data.Dataset;
import org.nndl.data.IdxWriter;

/** Every bad setting and file is refused in one line, with exit 2, leaving nothing behind. */
class BadInputTest {
  @TempDir Path dir;

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "--batch-size 0|--batch-size",
      "--epochs 0|--epochs",
      "--eta -1|--eta",
      "--eta NaN|--eta",
      "--lambda -0.5|--lambda",
      "--lambda NaN|--lambda",
      "--sizes 784,0,10|--sizes",
      "--sizes 784|at least two layers",
      "--sizes 100,30,10|input layer has 100 neurons",
      "--sizes 784,30,5|has no output neuron",
      "--activation relu|cross-entropy",
      "--activation swish|unknown activation",
      "--activation tanh|--output softmax",
      "--output softmax --cost quadratic --dropout 1|--dropout",
      "--cost hinge|unknown cost",
      "--epochs many|--epochs",
      "--data /no/such/folder|/no/such/folder",
      "--run-id ../x|run id",
      "--seed -1|--seed",
      "--sync-every 0|--sync-every",
      "--sync-every often|--sync-every",
      "--sync-every auto|--sync-every auto needs --partitions N",
      "--sync-every auto --partitions 1|--sync-every auto needs --partitions N",
      "--sync-every auto --partitions 0|--sync-every auto needs --partitions N",
      "--sync-every auto --partitions 8 --train-limit 5|more workers than the 5 training samples",
      "--partitions -2|--partitions -2: use auto",
      "--partitions many|--partitions many: use auto"})
  void refusedCleanly(String options, String fragment) throws Exception {
    Path wh = dir.resolve("wh");
    String[] opts = options.split(" ");
    String[] args = new String[opts.length + 3];
    args[0] = "train";
    System.arraycopy(opts, 0, args, 1, opts.length);
    args[opts.length + 1] = "--warehouse";
    args[opts.length + 2] = wh.toString();
    CliTest.assertCleanRefusal(CliTest.run(args), fragment);
    assertTrue(CliTest.isEmptyOrAbsent(wh.resolve("runs")), "no run folder left behind");
  }

  @Test
  void corruptFilesAreRefusedCleanly() throws Exception {
    Dataset train = DataSource.load("sample", dir, 100, 50).train();
    Dataset test = DataSource.load("sample", dir, 100, 50).test();
    Path good = dir.resolve("good");
    Files.createDirectories(good);
    IdxWriter.write(train, good.resolve("train-images-idx3-ubyte"), good.resolve("train-labels-idx1-ubyte"));
    IdxWriter.write(test, good.resolve("t10k-images-idx3-ubyte"), good.resolve("t10k-labels-idx1-ubyte"));
    Path wh = dir.resolve("wh");

    Path magic = copy(good, "magic");
    byte[] b = Files.readAllBytes(magic.resolve("train-images-idx3-ubyte"));
    b[3] = 0x01;
    Files.write(magic.resolve("train-images-idx3-ubyte"), b);
    CliTest.assertCleanRefusal(CliTest.run("train", "--data", magic.toString(), "--warehouse", wh.toString()), "magic");

    Path trunc = copy(good, "trunc");
    byte[] t = Files.readAllBytes(trunc.resolve("t10k-images-idx3-ubyte"));
    Files.write(trunc.resolve("t10k-images-idx3-ubyte"), java.util.Arrays.copyOf(t, t.length - 7));
    CliTest.assertCleanRefusal(CliTest.run("train", "--data", trunc.toString(), "--warehouse", wh.toString()), "truncated");

    Path counts = copy(good, "counts");
    IdxWriter.write(train.limit(99), dir.resolve("x"), counts.resolve("train-labels-idx1-ubyte"));
    CliTest.assertCleanRefusal(CliTest.run("train", "--data", counts.toString(), "--warehouse", wh.toString()), "100");

    assertTrue(CliTest.isEmptyOrAbsent(wh.resolve("runs")), "no run folder left behind");
  }

  /**
   * The training images gzipped and cut to a third: the driver reads only the header, an executor
   * finds the cut. The user sees the executor's DataError exactly as a driver-side one (its Spark
   * log lines are ConsoleLogTest's), and a fresh warehouse stays empty.
   */
  @Test
  void aTruncatedGzipFoundByAnExecutorIsRefusedCleanly() throws Exception {
    Dataset train = DataSource.load("sample", dir, 1000, 50).train();
    Dataset test = DataSource.load("sample", dir, 1000, 50).test();
    Path data = dir.resolve("cut");
    Files.createDirectories(data);
    IdxWriter.write(train, data.resolve("train-images-idx3-ubyte.gz"), data.resolve("train-labels-idx1-ubyte.gz"));
    IdxWriter.write(test, data.resolve("t10k-images-idx3-ubyte.gz"), data.resolve("t10k-labels-idx1-ubyte.gz"));
    Path images = data.resolve("train-images-idx3-ubyte.gz");
    byte[] gz = Files.readAllBytes(images);
    Files.write(images, java.util.Arrays.copyOf(gz, gz.length / 3));
    Path wh = dir.resolve("fresh");

    CliTest.assertCleanRefusal(CliTest.run("train", "--data", data.toString(), "--epochs", "1", "--warehouse", wh.toString()),
        images + ": the gzip data is cut short");
    assertTrue(CliTest.isEmptyOrAbsent(wh), "left in the fresh warehouse: " + (Files.exists(wh) ? Files.list(wh).toList() : ""));
  }

  private Path copy(Path from, String name) throws Exception {
    Path to = dir.resolve(name);
    Files.createDirectories(to);
    try (var files = Files.list(from)) {
      for (Path f : files.toList()) Files.copy(f, to.resolve(f.getFileName()));
    }
    return to;
  }
}
