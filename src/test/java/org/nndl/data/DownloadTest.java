package org.nndl.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The http(s) data spec and the MD5-checked mirror download, against a server on 127.0.0.1. */
class DownloadTest {
  @TempDir Path served;
  @TempDir Path cache;

  private final Dataset train = IdxBytes.counting(9, 5, 5);
  private final Dataset test = IdxBytes.counting(4, 5, 5);
  private LocalHttpServer server;

  @BeforeEach
  void serve() throws IOException {
    IdxWriter.write(train, served.resolve("train-images-idx3-ubyte.gz"), served.resolve("train-labels-idx1-ubyte.gz"));
    IdxWriter.write(test, served.resolve("t10k-images-idx3-ubyte.gz"), served.resolve("t10k-labels-idx1-ubyte.gz"));
    server = new LocalHttpServer(served);
  }

  @AfterEach
  void stop() { server.close(); }

  private String spec() { return server.folderUri().toString(); }

  private List<Path> cachedFiles() throws IOException {
    try (Stream<Path> files = Files.walk(cache)) {
      return files.filter(Files::isRegularFile).toList();
    }
  }

  @Test
  void downloadsOnceThenReadsTheCache() throws IOException {
    TrainTest data = DataSource.load(spec(), cache, 0, 0);
    assertArrayEquals(train.pixels(), data.train().pixels());
    assertArrayEquals(test.labels(), data.test().labels());
    assertEquals(4, server.requests.size());
    assertEquals(4, cachedFiles().size());
    assertTrue(cachedFiles().stream().allMatch(f -> f.getFileName().toString().endsWith("-ubyte.gz")));

    TrainTest again = DataSource.load(spec(), cache, 3, 0);
    assertEquals(4, server.requests.size(), "second load must not download again");
    assertEquals(3, again.train().size());
  }

  @Test
  void fallsBackToTheRawNameWhenThereIsNoGz() throws IOException {
    Files.delete(served.resolve("t10k-labels-idx1-ubyte.gz"));
    Files.write(served.resolve("t10k-labels-idx1-ubyte"), IdxBytes.labels(4, test.labels()));
    TrainTest data = DataSource.load(spec().replaceAll("/$", ""), cache, 0, 0);
    assertArrayEquals(test.labels(), data.test().labels());
    assertTrue(server.requests.containsAll(List.of("t10k-labels-idx1-ubyte.gz", "t10k-labels-idx1-ubyte")));
  }

  @Test
  void fileThatDoesNotParseLeavesNothingInTheCache() throws IOException {
    Files.write(served.resolve("train-images-idx3-ubyte.gz"), IdxBytes.gzip(IdxBytes.labels(2, new byte[2])));
    DataError e = assertThrows(DataError.class, () -> DataSource.load(spec(), cache, 0, 0));
    assertEquals(spec() + "train-images-idx3-ubyte.gz: wrong magic number: expected 2051 (IDX images),"
        + " found 2049 (IDX labels): pass the images file here", e.getMessage());
    assertEquals(List.of(), cachedFiles());
    try (Stream<Path> entries = Files.list(cache)) {
      assertEquals(0, entries.count(), "not even an empty folder stays behind");
    }
  }

  @Test
  void checksumMismatchLeavesNothingInTheCache() throws Exception {
    Map<String, String> md5 = new java.util.HashMap<>();
    for (String name : List.of("train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz",
        "t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz")) {
      md5.put(name, md5(served.resolve(name)));
    }
    String published = md5.put("t10k-images-idx3-ubyte.gz", "0123456789abcdef0123456789abcdef");
    DataError e = assertThrows(DataError.class, () -> Downloader.fetch(server.folderUri(), md5, cache));
    assertTrue(e.getMessage().startsWith(spec() + "t10k-images-idx3-ubyte.gz: downloaded file has MD5 "
        + published + ", expected 0123456789abcdef0123456789abcdef: the download is corrupt or the mirror changed"),
        e.getMessage());
    assertTrue(cachedFiles().stream().noneMatch(f -> f.getFileName().toString().startsWith("t10k-images")));
    assertTrue(cachedFiles().stream().noneMatch(f -> f.getFileName().toString().endsWith(".part")));

    md5.put("t10k-images-idx3-ubyte.gz", published);
    Path folder = Downloader.fetch(server.folderUri(), md5, cache);
    assertEquals(4, cachedFiles().size());
    assertArrayEquals(test.pixels(), DataSource.load(folder.toString(), cache, 0, 0).test().pixels());
  }

  @Test
  void serverErrorSaysWhatToDo() {
    server.forcedStatus = 503;
    DataError e = assertThrows(DataError.class, () -> DataSource.load(spec(), cache, 0, 0));
    assertTrue(e.getMessage().startsWith(spec() + "train-images-idx3-ubyte.gz: download failed with HTTP 503:"
        + " check the URL and try again later, or download the four MNIST files yourself"), e.getMessage());
    assertEquals(0, cache.toFile().list().length);
  }

  @Test
  void missingEverywhere() {
    server.forcedStatus = 404;
    DataError e = assertThrows(DataError.class, () -> DataSource.load(spec(), cache, 0, 0));
    assertTrue(e.getMessage().startsWith(spec() + ": has no train-images-idx3-ubyte.gz nor train-images-idx3-ubyte"
        + " (HTTP 404)"), e.getMessage());
  }

  @Test
  void unreachableServer() {
    String spec = spec();
    server.close();
    DataError e = assertThrows(DataError.class, () -> DataSource.load(spec, cache, 0, 0));
    assertTrue(e.getMessage().startsWith(spec + "train-images-idx3-ubyte.gz: download failed ("), e.getMessage());
    assertTrue(e.getMessage().contains("check the network"), e.getMessage());
    assertEquals(0, cache.toFile().list().length);
  }

  @Test
  void mnistMirrorIsTheOneTorchvisionUses() {
    assertEquals("https://ossci-datasets.s3.amazonaws.com/mnist/", Downloader.MNIST_MIRROR.toString());
    assertEquals("f68b3c2dcbeaaa9fbdd348bbdeb94873", Downloader.MNIST_MD5.get("train-images-idx3-ubyte.gz"));
    assertEquals("d53e105ee54ea40749a09fcbcd1e9432", Downloader.MNIST_MD5.get("train-labels-idx1-ubyte.gz"));
    assertEquals("9fb629c4189551a2d022fa330f9573f3", Downloader.MNIST_MD5.get("t10k-images-idx3-ubyte.gz"));
    assertEquals("ec29112dd5afa0611ce80d1b7f02629c", Downloader.MNIST_MD5.get("t10k-labels-idx1-ubyte.gz"));
  }

  private static String md5(Path file) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(Files.readAllBytes(file)));
  }
}
