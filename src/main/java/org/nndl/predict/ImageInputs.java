package org.nndl.predict;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.nndl.data.DataError;
import org.nndl.net.NetworkSpec;

/**
 * The pictures named on the command line, in order: an IDX images file (raw or gzip) gives all its
 * pictures, a PNG file one, a folder its PNG files sorted by name. A file is a PNG when its name
 * ends in ".png" or it starts with PNG's signature; anything else is read as IDX.
 */
public final class ImageInputs {
  private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

  private ImageInputs() {}

  public static List<InputImage> load(List<Path> paths, NetworkSpec spec) {
    List<InputImage> all = new ArrayList<>();
    for (Path p : paths) {
      if (Files.isDirectory(p)) {
        List<Path> pngs = pngsIn(p);
        if (pngs.isEmpty()) throw new DataError(p + ": this folder holds no .png files: pass PNG files, a folder of them, or an IDX images file");
        for (Path png : pngs) all.add(PngDigit.read(png, InputSize.side(spec, png.toString())));
      } else if (!Files.isRegularFile(p)) {
        throw new DataError(p + ": does not exist: pass PNG files, a folder of them, or an IDX images file");
      } else if (isPng(p)) {
        all.add(PngDigit.read(p, InputSize.side(spec, p.toString())));
      } else {
        all.addAll(IdxImages.read(p, spec));
      }
    }
    return all;
  }

  private static List<Path> pngsIn(Path folder) {
    try (Stream<Path> files = Files.list(folder)) {
      return files.filter(f -> Files.isRegularFile(f) && hasPngName(f)).sorted().toList();
    } catch (IOException e) {
      throw new DataError(folder + ": cannot be listed (" + e.getMessage() + "): check its permissions", e);
    }
  }

  private static boolean hasPngName(Path f) { return f.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".png"); }

  static boolean isPng(Path f) {
    if (hasPngName(f)) return true;
    try (InputStream in = Files.newInputStream(f)) {
      return Arrays.equals(in.readNBytes(PNG_SIGNATURE.length), PNG_SIGNATURE);
    } catch (IOException e) {
      throw new DataError(f + ": cannot be read (" + e.getMessage() + "): check its permissions", e);
    }
  }
}
