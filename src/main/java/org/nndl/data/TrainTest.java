package org.nndl.data;

/** The training set and the held-out test set, loaded together so their shapes can be checked. */
public record TrainTest(Dataset train, Dataset test) {}
