package org.nndl.ml;

import java.util.Map;
import java.util.regex.Pattern;

import org.nndl.data.DataError;
import org.nndl.error.UserError;
import org.nndl.metrics.MetricsError;
import org.nndl.net.Activation;
import org.nndl.net.Cost;
import org.nndl.net.Layout;
import org.nndl.net.NetworkSpec;
import org.nndl.net.Output;

/**
 * The trainer's refusals of params that cannot go together, said in the params' words: the
 * trainer ({@code TrainSettings.validate}) decides what is refused and words it for the command
 * line (--momentum, --sync-every, --sizes); this says the same in Spark's words: the cases
 * below in sentences of their own, any other with each option that is a param named as the param.
 */
final class ParamRefusals {
  private ParamRefusals() {}

  /** The refusal e of p's settings, reworded when p shows why. */
  static UserError reword(NetworkParams p, UserError e) {
    if (p.getMomentum() > 0 && !p.getSyncEvery().equals("exact")) {
      return new UserError("momentum " + p.getMomentum() + " needs syncEvery exact (not " + p.getSyncEvery()
          + "): the velocity lives on the driver and is updated every mini-batch", e);
    }
    if (p.getDropout() > 0 && p.getHiddenLayers().length == 0) {
      return new UserError("dropout " + p.getDropout() + " needs a hidden layer to drop neurons from:"
          + " set hiddenLayers to one or more sizes", e);
    }
    Activation act = Activation.parse(p.getActivation());
    Output out = p.getOutput().isEmpty() ? Output.of(act) : Output.parse(p.getOutput());
    if (!defined(act, out, Cost.parse(p.getCost()))) {
      return new UserError("cost " + p.getCost() + " needs outputs in (0,1) but a " + out.id() + " output"
          + " layer gives values outside it (ln a or ln(1-a) is undefined, so NaN): set output sigmoid or softmax, or"
          + " cost quadratic" + (p.getOutput().isEmpty() ? " (output is empty: the activation's, " + act.id() + ")" : ""), e);
    }
    return new UserError(inParamWords(e.getMessage()), e);
  }

  /**
   * A refusal raised by code the command line shares (the warehouse, the trainer, the data checks)
   * said with params: the same kind of error (a DataError stays one), or e itself when it names no option.
   */
  static UserError inParamWords(UserError e) {
    String m = inParamWords(e.getMessage());
    if (m.equals(e.getMessage())) return e;
    return e instanceof DataError ? new DataError(m, e) : e instanceof MetricsError ? new MetricsError(m, e) : new UserError(m, e);
  }

  /** A refusal worded for the command line with each option that is a param named as the param ("--eta 0" is "stepSize 0"). */
  static String inParamWords(String message) {
    String m = message;
    for (Map.Entry<String, String> o : NetworkParamSet.OPTIONS.entrySet()) {
      m = m.replaceAll(Pattern.quote(o.getValue()) + "(?![-\\w])", o.getKey());
    }
    return m;
  }

  /** Whether the network takes this output layer and cost (NetworkSpec's rule). */
  private static boolean defined(Activation act, Output out, Cost cost) {
    try {
      new NetworkSpec(new Layout(1, 1), act, out, cost);
      return true;
    } catch (UserError e) {
      return false;
    }
  }
}
