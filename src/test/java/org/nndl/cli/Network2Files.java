package org.nndl.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.StringJoiner;
import org.nndl.data.DataSource;
import org.nndl.data.Dataset;
import org.nndl.net.Activation;
import org.nndl.net.Cost;
import org.nndl.net.Initializer;
import org.nndl.net.Layout;
import org.nndl.net.Network2;
import org.nndl.net.NetworkSpec;

/** Models for the evaluate and predict tests, written as network2.py's save() writes them. */
final class Network2Files {
  static final NetworkSpec BOOK = new NetworkSpec(new Layout(784, 20, 10), Activation.SIGMOID, Cost.CROSS_ENTROPY);

  private Network2Files() {}

  /** The reference trained for one epoch on 1,000 bundled digits: many digits right, some wrong. */
  static Network2 trained(Path cache) {
    Dataset train = DataSource.load("sample", cache, 1000, 1).train();
    Network2 net = new Network2(BOOK, Initializer.DEFAULT.init(BOOK.layout(), 3L));
    net.epoch(train, 10, 0.5, 0.0, 3L, 1);
    return net;
  }

  /**
   * json.dump({"sizes": ..., "weights": [w.tolist() ...], "biases": [b.tolist() ...], "cost": ...}):
   * weights n_out x n_in as rows, biases as columns of one-element lists, no "activation" key.
   */
  static void write(Path file, NetworkSpec spec, double[] p) throws Exception {
    Layout l = spec.layout();
    StringJoiner sizes = new StringJoiner(", ", "[", "]");
    for (int s : l.sizes()) sizes.add(String.valueOf(s));
    StringJoiner weights = new StringJoiner(", ", "[", "]"), biases = new StringJoiner(", ", "[", "]");
    for (int layer = 1; layer < l.layers(); layer++) {
      StringJoiner w = new StringJoiner(", ", "[", "]"), b = new StringJoiner(", ", "[", "]");
      for (int j = 0; j < l.size(layer); j++) {
        StringJoiner row = new StringJoiner(", ", "[", "]");
        for (int k = 0; k < l.size(layer - 1); k++) row.add(Double.toString(p[l.weight(layer, j, k)]));
        w.add(row.toString());
        b.add("[" + p[l.biases(layer) + j] + "]");
      }
      weights.add(w.toString());
      biases.add(b.toString());
    }
    Files.writeString(file, "{\"sizes\": " + sizes + ", \"weights\": " + weights + ", \"biases\": " + biases
        + ", \"cost\": \"" + spec.cost().network2Name() + "\"}");
  }
}
