package org.nndl.train;

/** What an epoch of an {@link Optimizer} did: the steps (or rounds) taken and why it ended early, if it did. */
public record EpochOutcome(int steps, boolean stopped, boolean diverged) {}
