package org.nndl.train;

import java.io.Serializable;

/**
 * Chapter 3's epoch-level decisions, driven by validation accuracy: early stopping after
 * {@code earlyStop} epochs with no improvement on the best so far, and the learning-rate schedule
 * that halves eta each time {@code patience} epochs pass with no improvement, ending the run when
 * eta has fallen to eta_0/128. 0 turns either off. Pure logic (on the driver, and in a task of
 * whole epochs, {@link EpochTasks}); its whole state is a {@link State}, so a checkpoint can carry it.
 */
public final class Schedule implements Serializable {
  /** The book's floor: stop once eta is 1/128 of its starting value (seven halvings). */
  static final int MAX_HALVINGS = 7;

  /** What to do after an epoch. */
  public enum Decision { CONTINUE, EARLY_STOP, ETA_FLOOR }

  /**
   * @param eta the learning rate for the next epoch
   * @param best the best validation accuracy so far (-1 before the first epoch)
   * @param sinceBest epochs since the best one
   * @param sinceChange epochs since the best one or the last halving, whichever is later
   * @param halvings halvings so far
   */
  public record State(double eta, double best, int sinceBest, int sinceChange, int halvings) implements Serializable {
    public static State start(double eta) { return new State(eta, -1, 0, 0, 0); }
  }

  private final int earlyStop;
  private final int patience;
  private State state;

  public Schedule(int earlyStop, int patience, State state) {
    this.earlyStop = earlyStop;
    this.patience = patience;
    this.state = state;
  }

  public State state() { return state; }

  /** The learning rate in force for the next epoch. */
  public double eta() { return state.eta; }

  /** Takes one epoch's validation accuracy (NaN when there is no validation set) and decides. */
  public Decision afterEpoch(double validationAccuracy) {
    if (Double.isNaN(validationAccuracy)) return Decision.CONTINUE;
    State s = state;
    boolean better = validationAccuracy > s.best;
    double best = better ? validationAccuracy : s.best;
    int sinceBest = better ? 0 : s.sinceBest + 1;
    int sinceChange = better ? 0 : s.sinceChange + 1;
    double eta = s.eta;
    int halvings = s.halvings;
    if (patience > 0 && sinceChange >= patience) {
      eta /= 2;
      halvings++;
      sinceChange = 0;
    }
    state = new State(eta, best, sinceBest, sinceChange, halvings);
    if (patience > 0 && halvings >= MAX_HALVINGS) return Decision.ETA_FLOOR;
    if (earlyStop > 0 && sinceBest >= earlyStop) return Decision.EARLY_STOP;
    return Decision.CONTINUE;
  }
}
