package org.nndl.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nndl.data.Dataset;
import org.nndl.data.IdxWriter;
import org.nndl.net.Initializer;
import org.nndl.net.Layout;
import org.nndl.net.ModelJson;
import org.nndl.net.NetworkSpec;

/** evaluate and predict refuse bad models, data and pictures in one line, with exit 2, storing nothing. */
class UseBadInputTest {
  @TempDir Path dir;

  /** Files the cases name by placeholder: DIR is the temporary folder. */
  @BeforeEach
  void files() throws Exception {
    saveModel("book.json", 784, 30, 10);
    saveModel("small.json", 100, 10);
    saveModel("odd.json", 10, 10);
    Files.writeString(dir.resolve("cut.json"), "{\"sizes\": [784, 30");
    Files.writeString(dir.resolve("short.json"), "{\"sizes\": [4, 2], \"weights\": [[[1.0, 2.0], [3.0, 4.0]]], \"biases\": [[[0.0], [0.0]]],"
        + " \"cost\": \"CrossEntropyCost\"}");
    IdxWriter.write(new Dataset(20, 20, new byte[2 * 400], new byte[2]), dir.resolve("small-images"), dir.resolve("small-labels"));
    Files.write(dir.resolve("broken.png"), new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0});
    ImageIO.write(new BufferedImage(5, 5, BufferedImage.TYPE_INT_RGB), "png", dir.resolve("fine.png").toFile());
    Files.createDirectories(dir.resolve("empty"));
  }

  private void saveModel(String name, int... sizes) throws Exception {
    NetworkSpec spec = new NetworkSpec(new Layout(sizes), org.nndl.net.Activation.SIGMOID, org.nndl.net.Cost.CROSS_ENTROPY);
    ModelJson.save(dir.resolve(name), spec, Initializer.DEFAULT.init(spec.layout(), 1L));
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "evaluate --model DIR/none.json|model file DIR/none.json does not exist",
      "evaluate --model DIR|is a folder",
      "evaluate --model DIR/cut.json|cannot read model DIR/cut.json",
      "evaluate --model DIR/short.json|row 0 of layer 1 does not have 4 weights",
      "evaluate --model DIR/book.json --data DIR/no-such-data|DIR/no-such-data: does not exist",
      "evaluate --model DIR/small.json|the test images of sample are 28x28 = 784 pixels but the model's input layer has 100 neurons (10x10)",
      "evaluate --model DIR/book.json --split dev|--split dev: use test or train",
      "evaluate --model DIR/book.json --limit -1|--limit -1",
      "evaluate --model DIR/book.json --format xml|unknown output format 'xml'",
      "evaluate --data sample|--model",
      "predict --model DIR/none.json --images DIR/fine.png|does not exist",
      "predict --model DIR/cut.json --images DIR/fine.png|cannot read model",
      "predict --model DIR/book.json --images DIR/small-images|DIR/small-images: its images are 20x20 = 400 pixels but the model's input layer has 784 neurons (28x28)",
      "predict --model DIR/book.json --images DIR/small-labels|wrong magic number",
      "predict --model DIR/book.json --images DIR/broken.png|DIR/broken.png: not a readable PNG picture",
      "predict --model DIR/book.json --images DIR/fine.png DIR/gone.png|DIR/gone.png: does not exist",
      "predict --model DIR/book.json --images DIR/empty|holds no .png files",
      "predict --model DIR/odd.json --images DIR/fine.png|has 10 neurons, not a square picture",
      "predict --model DIR/book.json|--images"})
  void refusedInOneLine(String command, String fragment) throws Exception {
    String d = dir.toString();
    String[] args = (command.replace("DIR", d) + " --warehouse " + d + "/wh").split(" ");
    if (args[0].equals("predict")) args = java.util.Arrays.copyOf(args, args.length - 2);  // predict has no warehouse
    CliTest.assertCleanRefusal(CliTest.run(args), fragment.replace("DIR", d));
    assertTrue(CliTest.isEmptyOrAbsent(dir.resolve("wh")), "nothing stored");
  }
}
