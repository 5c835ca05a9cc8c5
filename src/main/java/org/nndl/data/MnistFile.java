package org.nndl.data;

/** The four file names of the classic MNIST distribution, which every data source follows. */
enum MnistFile {
  TRAIN_IMAGES("train-images-idx3-ubyte"),
  TRAIN_LABELS("train-labels-idx1-ubyte"),
  TEST_IMAGES("t10k-images-idx3-ubyte"),
  TEST_LABELS("t10k-labels-idx1-ubyte");

  /** The name without the optional ".gz" suffix. */
  final String baseName;

  MnistFile(String baseName) { this.baseName = baseName; }

  boolean isImages() { return this == TRAIN_IMAGES || this == TEST_IMAGES; }

  String gzName() { return baseName + ".gz"; }
}
