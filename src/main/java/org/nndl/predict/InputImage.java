package org.nndl.predict;

/**
 * One picture ready for the network: where it came from (a file name, or an IDX file and index)
 * and its pixels in [0,1] as MNIST's: 0 = background, 1 = ink, row-major.
 */
public record InputImage(String source, double[] pixels) {}
