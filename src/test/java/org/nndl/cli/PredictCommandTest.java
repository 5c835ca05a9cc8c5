package org.nndl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nndl.data.DataSource;
import org.nndl.data.Dataset;
import org.nndl.data.IdxWriter;
import org.nndl.net.ModelJson;
import org.nndl.net.Network2;

/** predict on IDX files and PNG pictures, against sums worked out by hand and the reference network. */
class PredictCommandTest {
  @TempDir Path dir;

  private static double sigmoid(double z) { return 1 / (1 + Math.exp(-z)); }

  /**
   * A 2x2-pixel, two-output network typed as network2.py's save() writes it (Python's float
   * spellings included): output 0 = sigmoid(2 x0 - 1e-05 x3 - 0.5), output 1 = sigmoid(3.5 x3 + 0.25).
   */
  @Test
  void aHandWrittenNetwork2ModelPredictsIdxAndPngPictures() throws Exception {
    Path model = dir.resolve("tiny.json");
    Files.writeString(model, "{\"sizes\": [4, 2], \"weights\": [[[2.0, 0.0, 0.0, -1e-05], [0.0, 0.0, 0.0, 3.5]]],"
        + " \"biases\": [[[-0.5], [0.25]]], \"cost\": \"CrossEntropyCost\"}");
    Path idx = dir.resolve("tiny-images.gz");
    IdxWriter.write(new Dataset(2, 2, new byte[] {(byte) 255, 0, 0, 0, 0, 0, 0, (byte) 255, 0, 0, 0, 0},
        new byte[3]), idx, dir.resolve("tiny-labels"));
    Path pictures = Files.createDirectories(dir.resolve("pictures"));
    BufferedImage topLeft = new BufferedImage(2, 2, BufferedImage.TYPE_INT_RGB);
    topLeft.setRGB(0, 0, 0xffffff);  // the border (all four pixels) is mostly dark: no inversion
    ImageIO.write(topLeft, "png", pictures.resolve("b.png").toFile());
    ImageIO.write(new BufferedImage(2, 2, BufferedImage.TYPE_INT_RGB), "png", pictures.resolve("a.png").toFile());
    Files.writeString(pictures.resolve("notes.txt"), "not a picture");

    CliTest.Outcome o = CliTest.run("predict", "--model", model.toString(), "--images", idx.toString(),
        pictures.toString(), "--format", "csv");
    assertEquals(0, o.code(), o.err());
    List<String[]> rows = o.out().lines().skip(1).map(l -> l.split(",")).toList();
    assertEquals("source,digit,activation,out_0,out_1", o.out().lines().findFirst().orElseThrow());
    assertEquals(5, rows.size(), o.out());
    String[] sources = {idx + "[0]", idx + "[1]", idx + "[2]", pictures.resolve("a.png").toString(),
        pictures.resolve("b.png").toString()};
    double[][] outputs = {
        {sigmoid(1.5), sigmoid(0.25)},               // x = (1, 0, 0, 0)
        {sigmoid(-1e-05 - 0.5), sigmoid(3.75)},      // x = (0, 0, 0, 1)
        {sigmoid(-0.5), sigmoid(0.25)},              // all black
        {sigmoid(-0.5), sigmoid(0.25)},              // a.png: all black
        {sigmoid(1.5), sigmoid(0.25)}};              // b.png: white top-left pixel = 1.0
    int[] digits = {0, 1, 1, 1, 0};
    for (int i = 0; i < rows.size(); i++) {
      String[] r = rows.get(i);
      assertEquals(sources[i], r[0]);
      assertEquals(digits[i], Integer.parseInt(r[1]), r[0]);
      assertEquals(outputs[i][digits[i]], Double.parseDouble(r[2]), 1e-15, r[0]);
      assertEquals(outputs[i][0], Double.parseDouble(r[3]), 1e-15, r[0]);
      assertEquals(outputs[i][1], Double.parseDouble(r[4]), 1e-15, r[0]);
    }
  }

  @Test
  void idxDigitsGetTheReferencesArgmax() throws Exception {
    Network2 ref = Network2Files.trained(dir);
    Path model = dir.resolve("model.json");
    ModelJson.save(model, Network2Files.BOOK, ref.params());
    Dataset test = DataSource.load("sample", dir, 1, 50).test();
    Path idx = dir.resolve("t10k-images-idx3-ubyte");
    IdxWriter.write(test, idx, dir.resolve("t10k-labels-idx1-ubyte"));

    CliTest.Outcome o = CliTest.run("predict", "--model", model.toString(), "--images", idx.toString());
    assertEquals(0, o.code(), o.err());
    List<String> lines = o.out().lines().toList();
    assertTrue(lines.get(0).matches("source +digit +activation"), lines.get(0));
    assertEquals(2 + test.size(), lines.size(), o.out());
    int differ = 0;
    for (int i = 0; i < test.size(); i++) {
      double[] a = ref.output(Network2.input(test, i));
      int best = 0;
      for (int j = 1; j < a.length; j++) if (a[j] > a[best]) best = j;
      String[] cells = lines.get(2 + i).trim().split(" +");
      assertEquals(idx + "[" + i + "]", cells[0]);
      assertEquals(best, Integer.parseInt(cells[1]), cells[0]);
      assertEquals(a[best], Double.parseDouble(cells[2]), 5e-7, cells[0]);  // 6 significant digits of a number below 1
      if (best != test.label(i)) differ++;
    }
    assertTrue(differ > 0 && differ < 25, "a model that is neither perfect nor useless: " + differ + " wrong");
  }
}
