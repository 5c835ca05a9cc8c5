package org.nndl.train;

import scala.runtime.AbstractFunction2;
import scala.runtime.BoxedUnit;

/** Driver side of a job: adds each partition's sum as its task finishes (order does not matter: exact sums). */
final class MergeSums extends AbstractFunction2<Object, ExactSum, BoxedUnit> {
  private final ExactSum total;

  MergeSums(ExactSum total) { this.total = total; }

  @Override public BoxedUnit apply(Object partition, ExactSum partial) {
    synchronized (total) { total.merge(partial); }
    return BoxedUnit.UNIT;
  }
}
