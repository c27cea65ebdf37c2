package io.beamline.ui;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.beamline.metadata.MetadataStoreException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The HTTP side: the JDK's {@code HttpServer} (no dependency; a dashboard serving a few users needs
 * no more), one gate every request passes (GET/HEAD only, the token, security headers, errors as
 * plain text), then {@link Routes}.
 */
final class DashboardServer implements Dashboard.Server {
  /** Pages link styles and nothing else: no script, no inline style, no frame but our own files. */
  static final String PAGE_CSP = "default-src 'none'; style-src 'self'; img-src 'self' data:; frame-src 'self'; "
      + "form-action 'self'; base-uri 'none'; frame-ancestors 'self'";
  static final String TOKEN_COOKIE = "beamline_token";

  private final HttpServer http;
  private final ExecutorService pool;
  private final Home home;

  private DashboardServer(HttpServer http, ExecutorService pool, Home home) {
    this.http = http;
    this.pool = pool;
    this.home = home;
  }

  static DashboardServer start(Home home, InetAddress address, int port, Optional<String> token) {
    HttpServer http;
    try {
      http = HttpServer.create(new InetSocketAddress(address, port), 256);
    } catch (IOException e) {
      home.close();
      throw new UncheckedIOException("Cannot listen on " + address.getHostAddress() + ":" + port + ": " + e.getMessage(), e);
    }
    ExecutorService pool = Executors.newFixedThreadPool(8, r -> {
      Thread t = new Thread(r, "beamline-ui");
      t.setDaemon(true);
      return t;
    });
    Routes routes = new Routes(home);
    http.createContext("/", exchange -> serve(exchange, routes, token));
    http.setExecutor(pool);
    http.start();
    return new DashboardServer(http, pool, home);
  }

  private static void serve(HttpExchange exchange, Routes routes, Optional<String> token) throws IOException {
    try (exchange) {
      Response response;
      String method = exchange.getRequestMethod();
      if (!method.equals("GET") && !method.equals("HEAD")) {
        // Reading is all the dashboard does: nothing a request sends can change the store or files.
        response = new Response(405, "text/plain; charset=utf-8",
            ("Method " + method + " not allowed: the dashboard only reads").getBytes(StandardCharsets.UTF_8),
            Map.of("Allow", "GET, HEAD"));
      } else if (token.isPresent() && !authorized(exchange, token.get())) {
        response = Response.text(401, "A token is required: open the dashboard with ?token=T or send "
            + "'Authorization: Bearer T'");
      } else {
        response = answer(exchange, routes);
        if (token.isPresent() && queryToken(exchange).isPresent()) {
          response = withHeader(response, "Set-Cookie", TOKEN_COOKIE + "=" + token.get()
              + "; Path=/; HttpOnly; SameSite=Strict");
        }
      }
      send(exchange, response, method.equals("HEAD"));
    }
  }

  private static Response answer(HttpExchange exchange, Routes routes) {
    try {
      return routes.answer(exchange.getRequestURI());
    } catch (Routes.NotFound e) {
      return Response.text(404, e.getMessage());
    } catch (IllegalArgumentException e) {
      return Response.text(400, e.getMessage());
    } catch (MetadataStoreException | UncheckedIOException e) {
      return Response.text(500, "Cannot read the home: " + e.getMessage());
    } catch (RuntimeException e) {
      // A bug or a file no view expected: say what on this one page, keep serving the others.
      java.util.logging.Logger.getLogger(DashboardServer.class.getName())
          .log(java.util.logging.Level.WARNING, "Failed to answer " + exchange.getRequestURI(), e);
      return Response.text(500, "Cannot show " + exchange.getRequestURI().getRawPath() + ": " + e);
    }
  }

  private static Response withHeader(Response r, String name, String value) {
    Map<String, String> headers = new java.util.HashMap<>(r.headers());
    headers.put(name, value);
    return new Response(r.status(), r.contentType(), r.body(), headers);
  }

  private static void send(HttpExchange exchange, Response r, boolean head) throws IOException {
    var h = exchange.getResponseHeaders();
    h.set("Content-Type", r.contentType());
    h.set("X-Content-Type-Options", "nosniff");
    h.set("Referrer-Policy", "no-referrer");
    h.set("Cache-Control", "no-store");
    h.set("Content-Security-Policy", PAGE_CSP);
    h.set("X-Frame-Options", "SAMEORIGIN");
    r.headers().forEach(h::set);
    if (head) {
      exchange.sendResponseHeaders(r.status(), -1);
      return;
    }
    exchange.sendResponseHeaders(r.status(), r.body().length == 0 ? -1 : r.body().length);
    if (r.body().length > 0) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(r.body());
      }
    }
  }

  private static boolean authorized(HttpExchange exchange, String token) {
    String auth = exchange.getRequestHeaders().getFirst("Authorization");
    if (auth != null && auth.startsWith("Bearer ") && same(auth.substring(7).trim(), token)) {
      return true;
    }
    if (queryToken(exchange).filter(t -> same(t, token)).isPresent()) {
      return true;
    }
    for (String cookies : exchange.getRequestHeaders().getOrDefault("Cookie", java.util.List.of())) {
      for (String cookie : cookies.split(";")) {
        String c = cookie.trim();
        if (c.startsWith(TOKEN_COOKIE + "=") && same(c.substring(TOKEN_COOKIE.length() + 1), token)) {
          return true;
        }
      }
    }
    return false;
  }

  private static Optional<String> queryToken(HttpExchange exchange) {
    return Optional.ofNullable(Query.of(exchange.getRequestURI()).get("token"));
  }

  /** Constant time, so the token cannot be guessed a character at a time from response times. */
  private static boolean same(String given, String token) {
    return MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8), token.getBytes(StandardCharsets.UTF_8));
  }

  static byte[] resource(String name) {
    try (InputStream in = DashboardServer.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("Resource " + name + " is missing from the ui jar");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public URI uri() {
    InetSocketAddress a = http.getAddress();
    String host = a.getAddress().getHostAddress();
    return URI.create("http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + a.getPort() + "/");
  }

  @Override
  public int port() {
    return http.getAddress().getPort();
  }

  @Override
  public void close() {
    http.stop(0);
    pool.shutdownNow();
    try {
      pool.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    home.close();
  }
}
