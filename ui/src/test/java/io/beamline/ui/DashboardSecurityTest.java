package io.beamline.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the dashboard must never do: render markup from the store or the data, serve a file from
 * outside the artifact root, change anything on a request, answer without the token it was given,
 * or leave out its security headers.
 */
class DashboardSecurityTest {
  @TempDir static Path tmp;
  private static HostileHome home;
  private static Dashboard.Server ui;
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @BeforeAll
  static void start() throws Exception {
    home = HostileHome.create(tmp.resolve("home"));
    ui = Dashboard.over(home.dir).withPort(0).start();
  }

  @AfterAll
  static void stop() {
    if (ui != null) {
      ui.close();
    }
  }

  private static HttpResponse<String> get(String rawPath, String... headers) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + ui.port() + rawPath));
    if (headers.length > 0) {
      b.headers(headers);
    }
    return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void everyPageEscapesMarkupFromStoreDataAndParameters() throws Exception {
    long run = home.runId;
    long exec = home.executionId;
    List<String> pages = List.of("/runs", "/runs/" + run, "/runs/" + run + "?node=" + exec, "/executions/" + exec,
        "/artifacts", "/artifacts/" + home.schemaId, "/artifacts/" + home.statsId,
        "/artifacts/" + home.statsId + "?compare=" + home.otherStatsId,
        "/artifacts/" + home.statsId + "/compare/" + home.otherStatsId,
        "/lineage/artifacts/" + home.schemaId + "?direction=both", "/lineage/executions/" + exec + "?direction=both");
    for (String page : pages) {
      HttpResponse<String> r = get(page);
      assertEquals(200, r.statusCode(), page + ": " + r.body());
      for (String raw : HostileHome.RAW) {
        assertFalse(r.body().contains(raw), page + " shows unescaped " + raw);
      }
      assertTrue(r.body().contains("&lt;script&gt;alert(1)&lt;/script&gt;"), page + " shows the value, escaped");
    }
    // The feature name and the string domain value are in the schema table; the error, parameters and log on the step.
    assertTrue(get("/artifacts/" + home.schemaId).body().contains("<td class=\"name\">&lt;script&gt;"));
    String step = get("/executions/" + exec).body();
    assertTrue(step.contains("<pre class=\"error\">&lt;script&gt;"), step);
    assertTrue(step.contains("<span class=\"err\">ERROR &lt;script&gt;"), step);
  }

  @Test
  void apiAndLogsAreDataNotPages() throws Exception {
    HttpResponse<String> api = get("/api/executions/" + home.executionId);
    assertEquals("application/json", api.headers().firstValue("Content-Type").orElse(""));
    assertTrue(api.body().contains("\"error\":\"<script>alert(1)</script>"), "JSON carries the value as it is");
    HttpResponse<String> log = get("/api/executions/" + home.executionId + "/log");
    assertTrue(log.headers().firstValue("Content-Type").orElse("").startsWith("text/plain"));
    assertTrue(log.headers().firstValue("Content-Security-Policy").orElse("").contains("sandbox"));
  }

  @Test
  void filesComeOnlyFromInsideTheArtifactRoot() throws Exception {
    Path schemaDir = home.dir.resolve("artifacts/evil/SchemaGen/schema/1");
    Files.createSymbolicLink(schemaDir.resolve("link-out"), home.dir.resolve("metadata.sqlite"));
    Files.createSymbolicLink(schemaDir.resolve("link-dir"), Path.of("/etc"));
    Files.writeString(home.dir.resolve("secret.txt"), "SECRET");
    String base = "/files/" + home.schemaId + "/";
    HttpResponse<String> ok = get(base + "schema.pbtxt");
    assertEquals(200, ok.statusCode());
    assertTrue(ok.body().startsWith("feature {"), ok.body());

    List<String> attacks = List.of(base + "../../../../../secret.txt", base + "%2e%2e/%2e%2e/%2e%2e/%2e%2e/%2e%2e/secret.txt",
        base + "..%2f..%2f..%2f..%2f..%2fsecret.txt", base + "%2E%2E%2F%2E%2E%2Fsecret.txt", base + "/etc/passwd",
        base + "%2fetc%2fpasswd", base + "..%5c..%5c..%5csecret.txt", base + "%252e%252e/secret.txt",
        base + "link-out", base + "link-dir/passwd", base + "%00secret.txt",
        base + "../../../StatisticsGen/statistics/1/Split-train/FeatureStats.json",
        "/files/" + home.outsideId + "/secret.txt", "/files/" + home.outsideId + "/metadata.sqlite",
        "/files/../secret.txt", "/files/" + home.schemaId + "/..");
    for (String attack : attacks) {
      HttpResponse<String> r = get(attack);
      assertTrue(r.statusCode() == 404 || r.statusCode() == 400, attack + " -> " + r.statusCode() + " " + r.body());
      assertFalse(r.body().contains("SECRET") || r.body().contains("root:") || r.body().contains("SQLite format"), attack);
    }
  }

  @Test
  void requestsChangeNothingAndOnlyGetAndHeadAreAnswered() throws Exception {
    String before = digest(home.dir.resolve("metadata.sqlite"));
    for (String method : List.of("POST", "PUT", "DELETE", "PATCH")) {
      for (String path : List.of("/runs", "/api/runs", "/api/artifacts/" + home.schemaId, "/files/" + home.schemaId
          + "/schema.pbtxt")) {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + ui.port() + path))
            .method(method, HttpRequest.BodyPublishers.ofString("state=DELETED")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(405, r.statusCode(), method + " " + path);
        assertEquals("GET, HEAD", r.headers().firstValue("Allow").orElse(""));
      }
    }
    for (String path : List.of("/runs", "/runs/" + home.runId, "/artifacts/" + home.schemaId, "/api/runs")) {
      assertEquals(200, get(path).statusCode());
    }
    assertEquals(before, digest(home.dir.resolve("metadata.sqlite")), "the store file is unchanged");
    assertFalse(Files.exists(home.dir.resolve("metadata.sqlite-journal")));
  }

  @Test
  void everyResponseCarriesSecurityHeaders() throws Exception {
    for (String path : List.of("/runs", "/api/runs", "/files/" + home.schemaId + "/schema.pbtxt", "/no/such/page",
        "/static/dashboard.css")) {
      HttpResponse<String> r = get(path);
      String csp = r.headers().firstValue("Content-Security-Policy").orElse(null);
      assertNotNull(csp, path);
      assertTrue(csp.contains("default-src 'none'"), path + ": " + csp);
      assertFalse(csp.contains("script-src"), "no script is allowed anywhere: " + csp);
      assertEquals("nosniff", r.headers().firstValue("X-Content-Type-Options").orElse(""), path);
    }
    assertTrue(get("/files/" + home.schemaId + "/schema.pbtxt").headers().firstValue("Content-Security-Policy")
        .orElseThrow().startsWith("sandbox"), "component pages run sandboxed");
  }

  @Test
  void aTokenIsCheckedOnEveryRequestAndRequiredBeyondLoopback() throws Exception {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Dashboard.over(home.dir).withBind("0.0.0.0").withPort(0).start());
    assertTrue(e.getMessage().contains("--bind 0.0.0.0 is not a loopback address") && e.getMessage().contains("--token"),
        e.getMessage());
    String token = "s3cret-token-for-test";
    try (Dashboard.Server guarded = Dashboard.over(home.dir).withPort(0).withToken(token).start()) {
      String url = "http://127.0.0.1:" + guarded.port();
      for (String path : List.of("/runs", "/api/runs", "/files/" + home.schemaId + "/schema.pbtxt", "/static/dashboard.css")) {
        assertEquals(401, send(url + path).statusCode(), path);
        assertEquals(401, send(url + path, "Authorization", "Bearer wrong-token-xx").statusCode(), path);
        assertEquals(200, send(url + path, "Authorization", "Bearer " + token).statusCode(), path);
      }
      HttpResponse<String> first = send(url + "/runs?token=" + token);
      assertEquals(200, first.statusCode());
      String cookie = first.headers().firstValue("Set-Cookie").orElseThrow();
      assertTrue(cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict"), cookie);
      assertEquals(200, send(url + "/api/runs", "Cookie", cookie.substring(0, cookie.indexOf(';'))).statusCode());
    }
  }

  private static HttpResponse<String> send(String url, String... headers) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url));
    if (headers.length > 0) {
      b.headers(headers);
    }
    return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static String digest(Path file) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
  }
}
