package org.nndl.data;

import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

/** Writes a {@link Dataset} as the IDX images and labels files MNIST is distributed in. */
public final class IdxWriter {
  private IdxWriter() {}

  /** Writes both files, each gzipped when its name ends in ".gz" and raw otherwise. */
  public static void write(Dataset data, Path imagesFile, Path labelsFile) {
    writeFile(imagesFile, out -> writeImages(data, out));
    writeFile(labelsFile, out -> writeLabels(data, out));
  }

  /** The images file's bytes (header and pixels) to a stream, which is left open. */
  public static void writeImages(Dataset data, OutputStream out) throws IOException {
    DataOutputStream header = new DataOutputStream(out);
    header.writeInt(Idx.IMAGES_MAGIC);
    header.writeInt(data.size());
    header.writeInt(data.rows());
    header.writeInt(data.cols());
    header.write(data.pixels());
    header.flush();
  }

  /** The labels file's bytes (header and labels) to a stream, which is left open. */
  public static void writeLabels(Dataset data, OutputStream out) throws IOException {
    DataOutputStream header = new DataOutputStream(out);
    header.writeInt(Idx.LABELS_MAGIC);
    header.writeInt(data.size());
    header.write(data.labels());
    header.flush();
  }

  private interface Body {
    void writeTo(OutputStream out) throws IOException;
  }

  private static void writeFile(Path file, Body body) {
    boolean gzip = file.getFileName().toString().endsWith(".gz");
    try (OutputStream raw = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16);
         OutputStream out = gzip ? new GZIPOutputStream(raw, 1 << 16) : raw) {
      body.writeTo(out);
    } catch (IOException e) {
      throw new DataError(file + ": cannot be written (" + e + "): check that its folder exists and is writable", e);
    }
  }
}
