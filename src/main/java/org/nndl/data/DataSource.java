package org.nndl.data;

import java.net.URI;
import java.nio.file.Path;
import java.util.Map;

/**
 * Turns a data spec into the training and test sets, so that the trainer runs the same on the
 * bundled sample, on MNIST fetched from the web, or on files in any folder a cluster can reach.
 */
public final class DataSource {
  /** The spec for the digits bundled in this jar (8,000 train / 2,000 test). */
  public static final String SAMPLE = "sample";
  /** The spec for the classic MNIST files, downloaded once from a mirror and checked by MD5. */
  public static final String MNIST = "mnist";

  private static final String SAMPLE_RESOURCES = "org/nndl/data/sample";

  private DataSource() {}

  /**
   * Where a spec's four files are, as location texts {@link DistributedIdx#load} reads, so that
   * executors can read them themselves. Nothing is read but what finding them takes (for
   * {@value #MNIST} and http(s) specs, the download into the cache when not there yet).
   *
   * @param driverOnly true when the files are downloads in the driver's local cache folder
   *     ({@value #MNIST}, http(s)): executors on other hosts cannot see them, so on a cluster read
   *     them on the driver ({@link #load}) unless the cache folder is shared storage
   */
  public record Sources(String trainImages, String trainLabels, String testImages, String testLabels,
      boolean driverOnly) {}

  /** The four files of a spec (see {@link #load} for the specs), found as {@link #load} finds them. */
  public static Sources locate(String spec, Path cacheDir) {
    Path cache = cacheDir == null ? defaultCache() : cacheDir;
    checkSpec(spec);
    if (spec.equals(SAMPLE)) return sources(new ResourceLocation(SAMPLE_RESOURCES), false);
    if (spec.equals(MNIST)) {
      return sources(new LocalLocation(Downloader.fetch(Downloader.MNIST_MIRROR, Downloader.MNIST_MD5, cache)), true);
    }
    if (isWeb(spec)) return sources(new LocalLocation(Downloader.fetch(URI.create(spec), Map.of(), cache)), true);
    return sources(Location.of(spec), false);
  }

  private static Sources sources(Location folder, boolean driverOnly) {
    Location[] f = MnistFolder.locate(folder);
    return new Sources(f[0].name(), f[1].name(), f[2].name(), f[3].name(), driverOnly);
  }

  private static void checkSpec(String spec) {
    if (spec == null || spec.isBlank()) {
      throw new DataError("no data given: use \"sample\", \"mnist\", or a folder holding the four MNIST files");
    }
  }

  private static boolean isWeb(String spec) { return spec.startsWith("http://") || spec.startsWith("https://"); }

  /**
   * Loads a spec: {@value #SAMPLE}, {@value #MNIST}, an http(s) URL of a folder, or a folder given
   * as a local path or Hadoop URI. A folder holds the four classic MNIST names, each raw or ".gz".
   *
   * @param cacheDir where downloads are kept between runs; null means ~/.cache/nndl-spark
   * @param trainLimit the number of training images to keep from the start; 0 or less keeps all
   * @param testLimit the same for the test images
   */
  public static TrainTest load(String spec, Path cacheDir, int trainLimit, int testLimit) {
    TrainTest all = loadAll(spec, cacheDir == null ? defaultCache() : cacheDir);
    return new TrainTest(limit(all.train(), trainLimit), limit(all.test(), testLimit));
  }

  private static TrainTest loadAll(String spec, Path cacheDir) {
    checkSpec(spec);
    if (spec.equals(SAMPLE)) return MnistFolder.load(new ResourceLocation(SAMPLE_RESOURCES));
    if (spec.equals(MNIST)) return fromWeb(Downloader.MNIST_MIRROR, Downloader.MNIST_MD5, cacheDir);
    if (isWeb(spec)) return fromWeb(URI.create(spec), Map.of(), cacheDir);
    return MnistFolder.load(Location.of(spec));
  }

  private static TrainTest fromWeb(URI folder, Map<String, String> md5ByName, Path cacheDir) {
    return MnistFolder.load(new LocalLocation(Downloader.fetch(folder, md5ByName, cacheDir)));
  }

  private static Dataset limit(Dataset data, int n) { return n <= 0 ? data : data.limit(n); }

  private static Path defaultCache() {
    return Path.of(System.getProperty("user.home"), ".cache", "nndl-spark");
  }
}
