package org.nndl.ml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.script.ScriptEngine;
import javax.script.ScriptEngineManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nndl.SparkTestSession;
import org.nndl.data.DataSource;
import org.nndl.data.Frames;
import org.nndl.data.TrainTest;

/**
 * docs/spark-ml.md's spark-shell lines, run as written in Scala's own interpreter (the engine
 * spark-shell is built on) with {@code spark} bound as spark-shell binds it, and the test's files
 * as {@code trainFile} and {@code testFile}.
 */
class SparkShellLinesTest {
  @Test void theDocsScalaLinesTrainAndScore(@TempDir Path dir) throws Exception {
    List<String> blocks = SparkMlExampleTest.docBlocks(Files.readString(Path.of("docs/spark-ml.md")), "scala");
    assertEquals(1, blocks.size());
    SparkTestSession.get();
    TrainTest d = DataSource.load(DataSource.SAMPLE, null, 300, 100);
    Path train = Files.writeString(dir.resolve("train.svm"), Frames.libsvm(d.train()));
    Path test = Files.writeString(dir.resolve("test.svm"), Frames.libsvm(d.test()));
    ScriptEngine scala = new ScriptEngineManager().getEngineByName("scala");
    assertNotNull(scala, "scala-compiler's JSR-223 engine on the test class path");
    scala.eval("val spark = org.apache.spark.sql.SparkSession.builder.getOrCreate()\n"
        + "val trainFile = \"" + train + "\"\nval testFile = \"" + test + "\"\n");
    Object accuracy = scala.eval(blocks.get(0));
    assertTrue(accuracy instanceof Double a && a > 0.5, "the last line's test accuracy: " + accuracy);
  }
}
