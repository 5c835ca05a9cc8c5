package org.nndl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nndl.SparkTestSession;
import org.nndl.data.DataSource;
import org.nndl.data.Dataset;
import org.nndl.data.Frames;
import org.nndl.data.TrainTest;

/** LIBSVM, CSV and Parquet files written from the bundled digits train to the model the IDX files give. */
class FrameDataCliTest {
  private static final String[] RUN = {"--sizes", "784,10,10", "--epochs", "2", "--partitions", "2", "--seed", "5"};

  @TempDir Path dir;

  private String train(String id, String... data) {
    List<String> args = new ArrayList<>(List.of("train", "--warehouse", dir.resolve("wh").toString(), "--run-id", id));
    args.addAll(List.of(RUN));
    args.addAll(List.of(data));
    CliTest.Outcome o = CliTest.run(args.toArray(String[]::new));
    assertEquals(0, o.code(), o.err());
    try {
      return Files.readString(dir.resolve("wh/runs/" + id + "/model.json"));
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Test void libsvmCsvAndParquetTrainToTheIdxFilesModel() throws IOException {
    TrainTest d = DataSource.load(DataSource.SAMPLE, null, 300, 50);
    String idx = train("idx", "--data", "sample", "--train-limit", "300", "--test-limit", "50");
    Path svm = Files.writeString(dir.resolve("train.svm"), libsvm(d.train()));
    Path svmTest = Files.writeString(dir.resolve("test.svm"), libsvm(d.test()));
    assertEquals(idx, train("svm", "--data", "libsvm:" + svm, "--test-data", "libsvm:" + svmTest, "--input-scale", "255"));
    Path csv = Files.writeString(dir.resolve("train.csv"), csv(d.train(), true));  // label,pixel0..pixel783
    Path csvTest = Files.writeString(dir.resolve("test.csv"), csv(d.test(), false));  // no header: the label is first
    assertEquals(idx, train("csv", "--data", "csv:" + csv, "--test-data", "csv:" + csvTest, "--input-scale", "255"));
    var spark = SparkTestSession.get();
    Frames.of(spark, d.train(), 2).write().parquet(dir.resolve("train.parquet").toString());
    Frames.of(spark, d.test(), 1).write().parquet(dir.resolve("test.parquet").toString());
    assertEquals(idx, train("parquet", "--data", "parquet:" + dir.resolve("train.parquet").toUri(),
        "--test-data", "parquet:" + dir.resolve("test.parquet"), "--input-scale", "255"));
  }

  @Test void aBadRowIsOneLineAndExitTwo() throws IOException {
    StringBuilder s = new StringBuilder("label,a,b\n0,1,2\n1,3,4\n12,5,6\n");
    Path csv = Files.writeString(dir.resolve("bad.csv"), s.toString());
    CliTest.Outcome o = CliTest.run("train", "--warehouse", dir.resolve("wh").toString(), "--data", "csv:" + csv,
        "--test-data", "csv:" + csv, "--sizes", "2,3,10", "--epochs", "1");
    CliTest.assertCleanRefusal(o, "the training data's column 'label', row 2 (counting from 0): label 12 is not a whole number in [0, 10)");
  }

  private static String libsvm(Dataset d) {
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < d.size(); i++) {
      s.append(d.label(i));
      for (int p = 0; p < d.inputSize(); p++) {
        int v = d.pixels()[i * d.inputSize() + p] & 0xff;
        if (v != 0) s.append(' ').append(p + 1).append(':').append(v);
      }
      s.append('\n');
    }
    return s.toString();
  }

  private static String csv(Dataset d, boolean header) {
    StringBuilder s = new StringBuilder();
    if (header) {
      s.append("label");
      for (int p = 0; p < d.inputSize(); p++) s.append(",pixel").append(p);
      s.append('\n');
    }
    for (int i = 0; i < d.size(); i++) {
      s.append(d.label(i));
      for (int p = 0; p < d.inputSize(); p++) s.append(',').append(d.pixels()[i * d.inputSize() + p] & 0xff);
      s.append('\n');
    }
    return s.toString();
  }
}
