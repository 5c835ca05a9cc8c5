package org.nndl.data;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Serves the files of one folder on 127.0.0.1 under /mnist/, recording every request path. */
final class LocalHttpServer implements AutoCloseable {
  final List<String> requests = new CopyOnWriteArrayList<>();
  /** When positive, every request is answered with this status and no body. */
  volatile int forcedStatus;
  private final HttpServer server;

  LocalHttpServer(Path folder) throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/mnist/", exchange -> {
      String name = exchange.getRequestURI().getPath().substring("/mnist/".length());
      requests.add(name);
      Path file = folder.resolve(name);
      if (forcedStatus > 0 || !Files.isRegularFile(file)) {
        exchange.sendResponseHeaders(forcedStatus > 0 ? forcedStatus : 404, -1);
      } else {
        exchange.sendResponseHeaders(200, Files.size(file));
        try (OutputStream out = exchange.getResponseBody()) {
          Files.copy(file, out);
        }
      }
      exchange.close();
    });
    server.start();
  }

  URI folderUri() { return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/mnist/"); }

  @Override public void close() { server.stop(0); }
}
