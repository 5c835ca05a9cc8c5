package org.nndl.train;

/**
 * Where a run stands after {@code epochsDone} epochs: everything needed to go on exactly as if it
 * had never stopped (what a checkpoint holds).
 *
 * @param params the parameters, flat
 * @param optimizer the optimizer's own state (momentum's velocity), or null when it has none
 * @param schedule the learning-rate schedule and early-stopping state
 */
public record TrainState(int epochsDone, double[] params, double[] optimizer, Schedule.State schedule) {

  /** A fresh run: epoch 0 from the initial parameters, at the starting learning rate. */
  public static TrainState start(double[] params, double eta) {
    return new TrainState(0, params, null, Schedule.State.start(eta));
  }
}
