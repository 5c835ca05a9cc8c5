package org.nndl.metrics;

import java.time.Instant;

/**
 * One scoring of a saved model on a data set: one row of the evaluations table.
 *
 * @param id           the evaluation's id (same form as run ids)
 * @param at           when it was made
 * @param model        the model file, as an absolute path
 * @param data         the data spec (sample, mnist, a folder or URI)
 * @param split        test or train
 * @param sizes        the model's layer sizes, e.g. 784,30,10
 * @param costFunction the model's cost as network2.py names it (CrossEntropyCost, QuadraticCost)
 * @param cost         mean cost over the set, without an L2 term (a model file has no lambda)
 * @param confusion    confusion[t][p] = images of true label t predicted as p
 */
public record Evaluation(String id, Instant at, String model, String data, String split, String sizes,
    String costFunction, double cost, long[][] confusion) {

  /** Images scored: the sum of the matrix. */
  public long n() {
    long s = 0;
    for (long[] row : confusion) for (long c : row) s += c;
    return s;
  }

  /** Images whose predicted label is the true one: the diagonal. */
  public long correct() {
    long s = 0;
    for (int t = 0; t < confusion.length; t++) s += confusion[t][t];
    return s;
  }

  public double accuracy() { return n() == 0 ? Double.NaN : (double) correct() / n(); }
}
