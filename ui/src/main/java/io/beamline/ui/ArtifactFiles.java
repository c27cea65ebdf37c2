package io.beamline.ui;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Files of an artifact, served only from inside the home's artifact root: a request path is a list
 * of plain names (no {@code ..}, {@code .}, empty, encoded {@code /} or {@code \}, or NUL, however
 * encoded), resolved under the artifact's directory, and the real path (symbolic links followed)
 * must still lie inside both that directory and the real artifact root. HTML pages written by the
 * components are served under a Content-Security-Policy sandbox: no script runs, nothing loads.
 */
final class ArtifactFiles {
  /** For files: the components' pages use inline CSS and SVG; nothing else is allowed. */
  static final String FILE_CSP = "sandbox; default-src 'none'; style-src 'unsafe-inline'; img-src data:";
  private static final long MAX_BYTES = 64L * 1024 * 1024;
  private static final int MAX_LISTED = 200;
  private static final Map<String, String> TYPES = Map.of(
      "html", "text/html; charset=utf-8", "json", "application/json", "jsonl", "text/plain; charset=utf-8",
      "txt", "text/plain; charset=utf-8", "pbtxt", "text/plain; charset=utf-8", "log", "text/plain; charset=utf-8",
      "csv", "text/plain; charset=utf-8", "png", "image/png");

  private final Path root;

  ArtifactFiles(Path root) {
    this.root = root;
  }

  /** The artifact's directory when its URI is a local directory inside the root. */
  Optional<Path> directory(String uri) {
    if (uri == null || uri.contains("://")) {
      return Optional.empty();
    }
    return inside(Path.of(uri)).filter(Files::isDirectory);
  }

  /** Serves {@code rawSegments} (still percent-encoded) of the artifact at {@code uri}. */
  Response serve(String uri, List<String> rawSegments) {
    Path dir = directory(uri).orElseThrow(() -> new Routes.NotFound("This artifact has no files under the artifact root"));
    Path file = dir;
    for (String raw : rawSegments) {
      file = file.resolve(segment(raw));
    }
    Path real = inside(file).orElseThrow(() -> new Routes.NotFound("No such file in this artifact"));
    if (!real.startsWith(real(dir))) {
      throw new Routes.NotFound("No such file in this artifact");
    }
    if (!Files.isRegularFile(real)) {
      throw new Routes.NotFound("No such file in this artifact");
    }
    try {
      if (Files.size(real) > MAX_BYTES) {
        return Response.text(413, "File larger than " + MAX_BYTES / 1024 / 1024 + " MB: read it from disk");
      }
      String name = real.getFileName().toString();
      String ext = name.contains(".") ? name.substring(name.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT) : "";
      String type = TYPES.getOrDefault(ext, "application/octet-stream");
      Map<String, String> headers = type.equals("application/octet-stream")
          ? Map.of("Content-Security-Policy", FILE_CSP, "Content-Disposition", "attachment")
          : Map.of("Content-Security-Policy", FILE_CSP);
      return new Response(200, type, Files.readAllBytes(real), headers);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + real + ": " + e.getMessage(), e);
    }
  }

  /** Up to {@value #MAX_LISTED} files below the artifact's directory, relative, sorted; links not followed. */
  List<String> list(String uri) {
    Optional<Path> dir = directory(uri);
    if (dir.isEmpty()) {
      return List.of();
    }
    try (Stream<Path> walk = Files.walk(dir.get(), 4)) {
      List<String> out = new ArrayList<>();
      walk.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)).sorted().limit(MAX_LISTED)
          .forEach(p -> out.add(dir.get().relativize(p).toString()));
      return out;
    } catch (IOException e) {
      return List.of();
    }
  }

  private static String segment(String raw) {
    String s;
    try {
      s = URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("Malformed file path segment: " + raw);
    }
    if (s.isEmpty() || s.equals(".") || s.equals("..") || s.contains("/") || s.contains("\\") || s.indexOf('\0') >= 0) {
      throw new Routes.NotFound("No such file in this artifact");
    }
    return s;
  }

  /** The real path of {@code p} if it exists and lies inside the real root. */
  private Optional<Path> inside(Path p) {
    try {
      Path real = p.toRealPath();
      return real.startsWith(real(root)) ? Optional.of(real) : Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  private static Path real(Path p) {
    try {
      return p.toRealPath();
    } catch (IOException e) {
      return p.toAbsolutePath().normalize();
    }
  }
}
