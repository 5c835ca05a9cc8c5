package org.nndl.data;

import java.io.IOException;
import java.io.Serializable;

/**
 * The headers of an images file and its labels file, read and checked on the driver exactly as
 * {@link IdxReader} checks whole files (magic, counts, image size, a raw file's length against its
 * header), without reading their data: the executors read that ({@link DistributedIdx}).
 *
 * @param split whether both files are raw with a known length, so executors can read byte ranges
 */
record IdxHeaders(int count, int rows, int cols, boolean split) implements Serializable {

  static IdxHeaders read(Location images, Location labels) {
    IdxReader.ImagesHeader h;
    boolean rawImages;
    Location.Opened file = images.open();
    try (IdxInput idx = IdxInput.open(file.in(), file.size(), images.name())) {
      h = IdxReader.imagesHeader(idx, images.name());
      idx.startBody(h.bodyLength(), h.claim());
      rawImages = !idx.gzip() && file.size() >= 0;
    } catch (IOException e) {
      throw IdxReader.readFailure(images.name(), e);
    }
    int labelCount;
    boolean rawLabels;
    file = labels.open();
    try (IdxInput idx = IdxInput.open(file.in(), file.size(), labels.name())) {
      labelCount = IdxReader.labelsHeader(idx, labels.name());
      idx.startBody(labelCount, IdxReader.labelsClaim(labelCount));
      rawLabels = !idx.gzip() && file.size() >= 0;
    } catch (IOException e) {
      throw IdxReader.readFailure(labels.name(), e);
    }
    IdxReader.checkSameCount(images, h.count(), labels, labelCount);
    return new IdxHeaders(h.count(), h.rows(), h.cols(), rawImages && rawLabels);
  }

  /** Pixels per image; rows*cols was checked to fit blocks before this is used. */
  int inputSize() { return rows * cols; }

  long imagesFileSize() { return Idx.IMAGES_HEADER_BYTES + (long) count * inputSize(); }

  long labelsFileSize() { return Idx.LABELS_HEADER_BYTES + (long) count; }
}
