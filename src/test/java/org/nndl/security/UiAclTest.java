package org.nndl.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Spark's UI ACLs as its security guide documents them, on a real UI over HTTP: with
 * spark.acls.enable and an authenticating filter, a user outside spark.ui.view.acls (and
 * spark.admin.acls) gets 403 from the pages and the REST API, one inside 200; only a user of
 * spark.modify.acls or spark.admin.acls can kill a job from the UI, and only if it may view the UI
 * too (every page, the kill link's included, needs view). A request with no user at all
 * is let through: the ACLs protect nothing without a filter that authenticates.
 */
class UiAclTest {
  private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

  private int get(String url, String user) throws Exception {
    HttpRequest.Builder r = HttpRequest.newBuilder(URI.create(url));
    if (user != null) r.header(HeaderUser.HEADER, user);
    return http.send(r.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
  }

  private String body(String url, String user) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create(url)).header(HeaderUser.HEADER, user).build(),
        HttpResponse.BodyHandlers.ofString()).body();
  }

  @Test
  @org.junit.jupiter.api.Timeout(600)  // a kill the UI did not carry out would leave the job running for good
  void viewAndModifyAclsGuardTheUiAndItsRestApi() throws Exception {
    Process app = ChildJvm.start(UiAclApp.class);
    try (BufferedReader out = new BufferedReader(new InputStreamReader(app.getInputStream(), StandardCharsets.UTF_8))) {
      String[] ui = out.readLine().split(" ");
      assertEquals("ui", ui[0], String.join(" ", ui));
      String base = ui[1];
      String jobs = base + "/api/v1/applications/" + ui[2] + "/jobs";
      for (String page : List.of(base + "/jobs/", base + "/environment/", jobs)) {
        assertEquals(403, get(page, "stranger"), page);
        assertEquals(403, get(page, "killer"), page + ": modify alone does not grant view");
        assertEquals(200, get(page, "viewer"), page);
        assertEquals(200, get(page, "operator"), page);
        assertEquals(200, get(page, "admin"), page);
        assertEquals(200, get(page, null), page + ": no user, no check");
      }
      assertEquals(403, get(base + "/jobs/job/kill/?id=0", "killer"), "the UI's pages, its kill links included, need view");
      get(base + "/jobs/job/kill/?id=0", "viewer");    // may view, not modify: job 0 goes on
      get(base + "/jobs/job/kill/?id=1", "operator");  // may modify
      String line = out.readLine();
      assertTrue(line.startsWith("job 1 ended: ") && cancelled(line), line);
      // Cancellations are handled in order: had the viewer's been taken, job 0 would have ended first.
      assertTrue(body(jobs + "/0", "viewer").contains("\"status\" : \"RUNNING\""), body(jobs + "/0", "viewer"));
      get(base + "/jobs/job/kill/?id=0", "admin");
      line = out.readLine();
      assertTrue(line.startsWith("job 0 ended: ") && cancelled(line), line);
    } finally {
      app.getOutputStream().close();
      app.waitFor();
    }
  }

  /** A job's end by a cancellation: Spark 4 says "killed via Web UI", Spark 3.5 "Job N cancelled". */
  private static boolean cancelled(String line) {
    return line.contains("killed via Web UI") || line.matches(".*Job \\d+ cancelled.*");
  }
}
