package org.nndl.net;

import java.io.Serializable;
import org.nndl.error.UserError;

/**
 * What a network is: its layer sizes, the activation of its hidden layers, its output layer and
 * its cost. The notebook's network has one activation everywhere: {@link #NetworkSpec(Layout,
 * Activation, Cost)}.
 */
public record NetworkSpec(Layout layout, Activation activation, Output output, Cost cost) implements Serializable {

  /** Refuses combinations whose maths is undefined, saying what to use instead. */
  public NetworkSpec {
    if (cost != Cost.QUADRATIC && !output.inUnitInterval()) {
      throw new UserError("the " + cost.id() + " cost needs outputs in (0,1) but a " + output.id()
          + " output layer gives values outside it (ln a or ln(1-a) is undefined, so NaN): use --output sigmoid or"
          + " --output softmax, or --cost quadratic");
    }
  }

  /** One activation for every layer, output included. */
  public NetworkSpec(Layout layout, Activation activation, Cost cost) { this(layout, activation, Output.of(activation), cost); }
}
