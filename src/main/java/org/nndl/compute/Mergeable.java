package org.nndl.compute;

/** A partial result that a job's partitions produce and the driver adds up, in any order. */
public interface Mergeable<T> {
  /** Adds other into this and returns this. */
  T merge(T other);
}
