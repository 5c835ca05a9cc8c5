package org.nndl.predict;

import org.nndl.net.ModelJson;
import org.nndl.net.Network2;

/**
 * Classifies pictures on the driver with the plain-Java reference network: a handful of pictures
 * (or one IDX file) costs milliseconds, far less than starting Spark would.
 */
public final class Predictor {
  private final Network2 net;

  public Predictor(ModelJson.Model model) { net = new Network2(model.spec(), model.params()); }

  public Prediction predict(InputImage image) {
    double[] out = net.output(image.pixels());
    int best = Network2.argmax(out);
    return new Prediction(image.source(), best, out[best], out);
  }
}
