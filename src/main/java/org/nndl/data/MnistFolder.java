package org.nndl.data;

/**
 * Reads a folder laid out like the MNIST distribution and checks that its two sets fit together,
 * so that a mismatch shows up as a clear message before any training starts.
 */
final class MnistFolder {
  private MnistFolder() {}

  static TrainTest load(Location folder) {
    checkFolder(folder);
    Dataset train = loadSet(folder, MnistFile.TRAIN_IMAGES, MnistFile.TRAIN_LABELS);
    Dataset test = loadSet(folder, MnistFile.TEST_IMAGES, MnistFile.TEST_LABELS);
    if (train.size() == 0 || test.size() == 0) {
      throw new DataError(folder.name() + ": the " + (train.size() == 0 ? "training" : "test")
          + " set holds no images: use files that hold some");
    }
    if (train.rows() != test.rows() || train.cols() != test.cols()) {
      throw new DataError(folder.name() + ": training images are " + train.rows() + "x" + train.cols()
          + " but test images are " + test.rows() + "x" + test.cols() + ": use sets of the same image size");
    }
    return new TrainTest(train, test);
  }

  /** The four files of a folder (raw preferred to .gz), in {@link MnistFile} order, without reading them. */
  static Location[] locate(Location folder) {
    checkFolder(folder);
    MnistFile[] files = MnistFile.values();
    Location[] found = new Location[files.length];
    for (int i = 0; i < files.length; i++) found[i] = find(folder, files[i]);
    return found;
  }

  private static void checkFolder(Location folder) {
    if (!folder.isDirectory()) {
      throw new DataError(folder.name() + ": " + (folder.isFile() ? "is a file" : "does not exist")
          + ", expected a folder holding the four MNIST files (" + MnistFile.TRAIN_IMAGES.baseName
          + " ...), raw or .gz: check the path, or use \"sample\" or \"mnist\"");
    }
  }

  private static Dataset loadSet(Location folder, MnistFile images, MnistFile labels) {
    Location labelsFile = find(folder, labels);
    Dataset data = IdxReader.readDataset(find(folder, images), labelsFile);
    checkLabels(data, labelsFile);
    return data;
  }

  /** The raw file if present, else the ".gz" one (reported as missing when neither exists). */
  private static Location find(Location folder, MnistFile file) {
    Location raw = folder.child(file.baseName);
    if (raw.isFile()) return raw;
    Location gz = folder.child(file.gzName());
    if (gz.isFile()) return gz;
    throw new DataError(folder.name() + ": has neither " + file.baseName + " nor " + file.gzName()
        + ": put the four MNIST files there (raw or .gz), or use \"sample\" or \"mnist\"");
  }

  /** The network has ten outputs, one per digit. */
  private static void checkLabels(Dataset data, Location labels) {
    for (int i = 0; i < data.size(); i++) {
      if (data.label(i) > 9) {
        throw new DataError(labels.name() + ": label " + i + " is " + data.label(i)
            + ", not a digit 0..9: use MNIST-style labels");
      }
    }
  }
}
