package org.nndl.predict;

/**
 * What the network says about one picture: the most active output neuron (the digit), its
 * activation, and every output activation.
 */
public record Prediction(String source, int digit, double activation, double[] outputs) {}
