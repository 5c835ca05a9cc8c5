package org.nndl.net;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelJsonTest {
  @TempDir Path dir;

  /** network2.py's layout, written by hand: weights as rows (n_out x n_in), biases as columns. */
  @Test
  void readsNetwork2sFormat() throws Exception {
    Path f = dir.resolve("m.json");
    Files.writeString(f, "{\"sizes\": [2, 1], \"weights\": [[[0.5, -1.5]]], \"biases\": [[[0.25]]],"
        + " \"cost\": \"QuadraticCost\"}");
    ModelJson.Model m = ModelJson.load(f);
    Layout l = m.spec().layout();
    assertEquals(Cost.QUADRATIC, m.spec().cost());
    assertEquals(Activation.SIGMOID, m.spec().activation());
    assertEquals(0.5, m.params()[l.weight(1, 0, 0)]);
    assertEquals(-1.5, m.params()[l.weight(1, 0, 1)]);
    assertEquals(0.25, m.params()[l.biases(1)]);
  }

  @Test
  void saveThenLoadKeepsEveryParameter() throws Exception {
    NetworkSpec spec = new NetworkSpec(new Layout(5, 3, 2), Activation.RELU, Cost.QUADRATIC);
    double[] p = Initializer.DEFAULT.init(spec.layout(), 5);
    Path f = dir.resolve("model.json");
    ModelJson.save(f, spec, p);
    String text = Files.readString(f);
    assertTrue(text.contains("\"cost\":\"QuadraticCost\""), text);
    ModelJson.Model back = ModelJson.load(f);
    assertArrayEquals(p, back.params());
    assertEquals(spec, back.spec());
  }

  @Test
  void corruptModelsAreRefusedInOneLine() throws Exception {
    Path f = dir.resolve("bad.json");
    Files.writeString(f, "{\"sizes\": [2, 1], \"weights\": [[[0.5]]], \"biases\": [[[0.25]]], \"cost\": \"QuadraticCost\"}");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ModelJson.load(f));
    assertTrue(e.getMessage().contains("row 0 of layer 1"), e.getMessage());
    Files.writeString(f, "{\"sizes\": [2, 1");
    e = assertThrows(IllegalArgumentException.class, () -> ModelJson.load(f));
    assertEquals(1, e.getMessage().lines().count(), e.getMessage());
  }
}
