package org.nndl.data;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * Copies the four MNIST files of an HTTP(S) folder into a local cache once. Each file lands under a
 * temporary name and is renamed atomically only after it checks out, so the cache holds nothing but
 * good files and a failed download can simply be retried.
 */
final class Downloader {
  /** The mirror torchvision uses; the original yann.lecun.com site often refuses downloads. */
  static final URI MNIST_MIRROR = URI.create("https://ossci-datasets.s3.amazonaws.com/mnist/");
  /** The published checksums of the mirror's files. */
  static final Map<String, String> MNIST_MD5 = Map.of(
      "train-images-idx3-ubyte.gz", "f68b3c2dcbeaaa9fbdd348bbdeb94873",
      "train-labels-idx1-ubyte.gz", "d53e105ee54ea40749a09fcbcd1e9432",
      "t10k-images-idx3-ubyte.gz", "9fb629c4189551a2d022fa330f9573f3",
      "t10k-labels-idx1-ubyte.gz", "ec29112dd5afa0611ce80d1b7f02629c");

  private static final String WHAT_TO_DO =
      "download the four MNIST files yourself into a folder and pass that folder instead";

  private final HttpClient client = HttpClient.newBuilder()
      .followRedirects(HttpClient.Redirect.NORMAL)
      .connectTimeout(Duration.ofSeconds(30))
      .build();
  private final URI folder;
  private final Map<String, String> md5ByName;
  private final Path cache;

  /**
   * @param md5ByName the expected MD5 of each file name to fetch; when empty, the ".gz" and then the
   *     raw name of each file are tried and anything that parses as IDX is accepted
   */
  private Downloader(URI folder, Map<String, String> md5ByName, Path cacheDir) {
    this.folder = folder.toString().endsWith("/") ? folder : URI.create(folder + "/");
    this.md5ByName = md5ByName;
    this.cache = cacheDir.resolve(cacheName(this.folder));
  }

  /** The cache folder holding the four files of {@code folder}, downloading the ones not there yet. */
  static Path fetch(URI folder, Map<String, String> md5ByName, Path cacheDir) {
    return new Downloader(folder, md5ByName, cacheDir).fetchAll();
  }

  private Path fetchAll() {
    try {
      for (MnistFile file : MnistFile.values()) fetch(file);
      return cache;
    } catch (RuntimeException e) {
      deleteIfEmpty(cache);
      throw e;
    }
  }

  private void fetch(MnistFile file) {
    List<String> names = md5ByName.isEmpty()
        ? List.of(file.gzName(), file.baseName)
        : List.of(file.gzName());
    for (String name : names) {
      if (Files.isRegularFile(cache.resolve(name))) return;
    }
    for (String name : names) {
      if (download(name, file)) return;
    }
    throw new DataError(folder + ": has no " + String.join(" nor ", names) + " (HTTP 404): check the URL"
        + " names a folder holding the four MNIST files, or " + WHAT_TO_DO);
  }

  /** Downloads one file into the cache; false when the server has no such file. */
  private boolean download(String name, MnistFile file) {
    URI uri = folder.resolve(name);
    Path part = null;
    try {
      Files.createDirectories(cache);
      part = Files.createTempFile(cache, name + ".", ".part");
      HttpResponse<InputStream> response = client.send(
          HttpRequest.newBuilder(uri).timeout(Duration.ofMinutes(2)).GET().build(),
          HttpResponse.BodyHandlers.ofInputStream());
      try (InputStream body = response.body()) {
        if (response.statusCode() == 404) return false;
        if (response.statusCode() != 200) {
          throw new DataError(uri + ": download failed with HTTP " + response.statusCode()
              + ": check the URL and try again later, or " + WHAT_TO_DO);
        }
        MessageDigest md5 = MessageDigest.getInstance("MD5");
        Files.copy(new DigestInputStream(body, md5), part, StandardCopyOption.REPLACE_EXISTING);
        verify(uri, name, HexFormat.of().formatHex(md5.digest()), part, file);
      }
      Files.move(part, cache.resolve(name), StandardCopyOption.ATOMIC_MOVE);
      part = null;
      return true;
    } catch (IOException e) {
      throw new DataError(uri + ": download failed (" + e + "): check the network and the cache folder "
          + cache + ", or " + WHAT_TO_DO, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DataError(uri + ": download interrupted: run again to retry", e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has MD5", e);
    } finally {
      if (part != null) deleteQuietly(part);
    }
  }

  /** Fails unless the downloaded file has the published checksum (if any) and parses as IDX. */
  private void verify(URI uri, String name, String md5, Path part, MnistFile file) throws IOException {
    String expected = md5ByName.get(name);
    if (expected != null && !expected.equalsIgnoreCase(md5)) {
      throw new DataError(uri + ": downloaded file has MD5 " + md5 + ", expected " + expected
          + ": the download is corrupt or the mirror changed; try again, or " + WHAT_TO_DO);
    }
    InputStream in = Files.newInputStream(part);
    if (file.isImages()) {
      IdxReader.readImages(in, Files.size(part), uri.toString());
    } else {
      IdxReader.readLabels(in, Files.size(part), uri.toString());
    }
  }

  /** A folder name that is readable yet unique per URL, so that two mirrors never mix files. */
  static String cacheName(URI folder) {
    try {
      byte[] hash = MessageDigest.getInstance("SHA-256").digest(folder.toString().getBytes(StandardCharsets.UTF_8));
      String host = folder.getHost() == null ? "host" : folder.getHost();
      return host + (folder.getPort() < 0 ? "" : "_" + folder.getPort()) + "-" + HexFormat.of().formatHex(hash, 0, 6);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }

  private static void deleteQuietly(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException ignored) {
      // best effort: a stray ".part" file is never read as data
    }
  }

  private static void deleteIfEmpty(Path dir) {
    try {
      Files.deleteIfExists(dir);
    } catch (DirectoryNotEmptyException ignored) {
      // it holds files verified earlier, which stay useful
    } catch (IOException ignored) {
      // best effort
    }
  }
}
