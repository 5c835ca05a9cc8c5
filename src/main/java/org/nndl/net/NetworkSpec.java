package org.nndl.net;

import java.io.Serializable;

/** What a network is: its layer sizes, its one activation for every layer, and its cost. */
public record NetworkSpec(Layout layout, Activation activation, Cost cost) implements Serializable {

  /**
   * Refuses combinations whose maths is undefined. Cross-entropy needs outputs in (0,1): with
   * ReLU outputs the reference delta (a-y)/(a(1-a)) divides by zero or goes negative, so NaN.
   */
  public NetworkSpec {
    if (cost == Cost.CROSS_ENTROPY && activation == Activation.RELU) {
      throw new IllegalArgumentException("the cross-entropy cost needs outputs in (0,1) but ReLU outputs are"
          + " unbounded (the delta (a-y)/(a(1-a)) gives NaN): use --cost quadratic with relu, or --activation sigmoid");
    }
  }
}
