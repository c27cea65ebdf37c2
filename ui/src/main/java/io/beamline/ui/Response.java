package io.beamline.ui;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * What a route answers: status, content type, body, and headers beyond those every response gets.
 *
 * @param headers extra headers (e.g. a stricter Content-Security-Policy for artifact files)
 */
record Response(int status, String contentType, byte[] body, Map<String, String> headers) {
  Response {
    headers = Map.copyOf(headers);
  }

  static Response html(String page) {
    return new Response(200, "text/html; charset=utf-8", page.getBytes(StandardCharsets.UTF_8), Map.of());
  }

  static Response json(Object value) {
    return new Response(200, "application/json", Json.bytes(value), Map.of());
  }

  static Response text(int status, String text) {
    return new Response(status, "text/plain; charset=utf-8", text.getBytes(StandardCharsets.UTF_8), Map.of());
  }

  static Response redirect(String location) {
    return new Response(303, "text/plain; charset=utf-8", new byte[0], Map.of("Location", location));
  }
}
