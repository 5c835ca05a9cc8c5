package org.nndl.train;

import org.nndl.error.UserError;
import org.nndl.net.Regularization;

/**
 * The chapter-3 techniques beyond network2.py's defaults, each a command-line flag.
 *
 * @param regularization the weight penalty lambda applies to (--regularization l2|l1)
 * @param dropout the probability of dropping a hidden neuron in training, 0 = none (--dropout)
 * @param momentum the momentum coefficient mu, 0 = plain SGD (--momentum)
 * @param validation samples held out from the end of the training file for validation, 0 = none (--validation)
 * @param earlyStop stop after this many epochs with no better validation accuracy, 0 = never (--early-stop)
 * @param halveEta halve eta when validation accuracy stalls for patience epochs (--eta-schedule halve)
 * @param patience the epochs without improvement before halving (--patience)
 * @param expand train on the original images plus their four one-pixel shifts (--expand)
 */
public record Techniques(Regularization regularization, double dropout, double momentum, int validation,
    int earlyStop, boolean halveEta, int patience, boolean expand) {

  /** network2.py's SGD: L2 and nothing more. */
  public static final Techniques NONE = new Techniques(Regularization.L2, 0, 0, 0, 0, false, 10, false);

  /** Throws a UserError naming the bad setting and what to do; syncExact: --sync-every exact. */
  void validate(boolean syncExact, int layers) {
    if (!(dropout >= 0 && dropout < 1)) throw bad("--dropout " + dropout + ": use a rate in [0, 1), e.g. 0.5 as the book");
    if (dropout > 0 && layers < 3) throw bad("--dropout needs a hidden layer to drop neurons from: use --sizes with three or more layers");
    if (!(momentum >= 0 && momentum < 1)) throw bad("--momentum " + momentum + ": use a coefficient in [0, 1), e.g. 0.9");
    if (momentum > 0 && !syncExact) {
      throw bad("--momentum needs --sync-every exact: the velocity lives on the driver and is updated every mini-batch");
    }
    if (validation < 0) throw bad("--validation " + validation + ": use 0 for none or a positive number of samples");
    if (earlyStop < 0) throw bad("--early-stop " + earlyStop + ": use 0 for never or a positive number of epochs");
    if (patience <= 0) throw bad("--patience " + patience + ": use a positive number of epochs, e.g. 10 as the book");
    if ((earlyStop > 0 || halveEta) && validation == 0) {
      throw bad((halveEta ? "--eta-schedule halve" : "--early-stop") + " watches validation accuracy: add --validation N"
          + " (e.g. --validation 10000, the book's 50,000/10,000 split)");
    }
  }

  private static UserError bad(String msg) { return new UserError(msg); }
}
