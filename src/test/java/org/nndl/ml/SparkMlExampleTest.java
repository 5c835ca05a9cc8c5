package org.nndl.ml;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.tuning.CrossValidatorModel;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nndl.SparkTestSession;
import org.nndl.data.DataSource;
import org.nndl.data.Frames;
import org.nndl.data.TrainTest;

/** docs/spark-ml.md's Java code blocks are SparkMlExample's marked regions, and those run. */
class SparkMlExampleTest {
  private static final Path DOC = Path.of("docs/spark-ml.md");
  private static final Path EXAMPLE = Path.of("src/test/java/org/nndl/ml/SparkMlExample.java");

  /** The doc's ```java blocks, in order. */
  static List<String> docBlocks(String markdown, String language) {
    List<String> blocks = new ArrayList<>();
    Matcher m = Pattern.compile("```" + language + "\n(.*?)```", Pattern.DOTALL).matcher(markdown);
    while (m.find()) blocks.add(m.group(1));
    return blocks;
  }

  /** The lines between each "// doc: NAME" and "// end" of a source file, their common indent removed. */
  static List<String> regions(String source) {
    List<String> regions = new ArrayList<>();
    Matcher m = Pattern.compile("\n( *)// doc: \\w+\n(.*?)\n *// end\n", Pattern.DOTALL).matcher(source);
    while (m.find()) regions.add(m.group(2).replaceAll("(?m)^" + m.group(1), "") + "\n");
    return regions;
  }

  @Test void theDocsJavaBlocksAreTheExamplesRegions() throws IOException {
    List<String> regions = regions(Files.readString(EXAMPLE));
    assertEquals(3, regions.size());
    assertEquals(regions, docBlocks(Files.readString(DOC), "java"));
  }

  @Test void theExamplesRunOnTheBundledDigits(@TempDir Path dir) throws IOException {
    SparkTestSession.get();  // the example's getOrCreate() finds the tests' session
    TrainTest d = DataSource.load(DataSource.SAMPLE, null, 300, 100);
    Path train = Files.writeString(dir.resolve("train.svm"), Frames.libsvm(d.train()));
    Path test = Files.writeString(dir.resolve("test.svm"), Frames.libsvm(d.test()));
    double accuracy = SparkMlExample.libsvm(train.toString(), test.toString(), dir.resolve("model").toString());
    assertTrue(accuracy > 0.5, "30 epochs on 300 digits classify most of 100 others: " + accuracy);
    assertEquals(784, NetworkClassificationModel.load(dir.resolve("model").toString()).numFeatures());

    CrossValidatorModel cv = SparkMlExample.tuning(SparkTestSession.get().read().format("libsvm").option("numFeatures", 784)
        .load(train.toString()));
    assertEquals(2, cv.avgMetrics().length);
    assertInstanceOf(NetworkClassificationModel.class, cv.bestModel());

    Path csv = Files.writeString(dir.resolve("train.csv"), Frames.csv(d.test(), true));
    Row first = SparkMlExample.csv(csv.toString()).select("label", "features").first();
    double[] pixels = new double[784];
    for (int p = 0; p < 784; p++) pixels[p] = d.test().pixels()[p] & 0xff;
    assertEquals(d.test().label(0), first.getInt(0));
    assertArrayEquals(pixels, ((Vector) first.get(1)).toArray());
  }
}
