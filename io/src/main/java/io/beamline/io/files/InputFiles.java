package io.beamline.io.files;

import io.beamline.core.InvalidInputException;
import io.beamline.core.InvalidParameterException;
import io.beamline.core.component.ArtifactUris;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.EmptyMatchTreatment;
import org.apache.beam.sdk.io.fs.MatchResult;

/**
 * The input files of one run, matched once on the launching machine: the selected span and version,
 * the files of each split, and their fingerprint (names, sizes, modification times) for caching.
 *
 * <p>Files whose name starts with {@code .} or {@code _} are skipped when matched through a directory
 * or glob: they are the bookkeeping files other tools leave beside their data ({@code _SUCCESS},
 * {@code .crc}, Beamline's own manifest). A file given by its exact name is always read.
 *
 * @param files every file, sorted by split then path
 * @param span the selected span (0 when the patterns have none); with a range, its last span
 * @param version the version read for that span, when the patterns have {@code {VERSION}}
 */
public record InputFiles(List<InputFile> files, long span, Long version) {
  public InputFiles {
    files = List.copyOf(files);
  }

  /** The files one pattern (a file, directory or glob, with span placeholders) selects: the latest span. */
  public static InputFiles resolve(String pattern) {
    if (pattern == null || pattern.isBlank()) {
      throw new InvalidParameterException("No input given; set an input file, directory or glob");
    }
    return resolve(Map.of("", pattern), null, null);
  }

  /**
   * The files of each split's pattern (key {@code ""}: one input that is hash-split later), of the
   * spans {@code firstSpan..lastSpan} (null, null: the latest span; firstSpan, null: that span only).
   */
  public static InputFiles resolve(Map<String, String> patternsBySplit, Long firstSpan, Long lastSpan) {
    if (patternsBySplit.isEmpty()) {
      throw new InvalidParameterException("No input given; set an input file, directory or glob"
          + " (or one per split)");
    }
    Map<String, String> patterns = new LinkedHashMap<>(patternsBySplit);
    List<InputFile> all = new ArrayList<>();
    Long span = null;
    Long version = null;
    for (Map.Entry<String, String> e : patterns.entrySet()) {
      Selection sel = select(e.getKey(), e.getValue(), firstSpan, lastSpan);
      if (span != null && sel.span != span) {
        throw new InvalidInputException("Pre-split inputs disagree on the latest span: split '"
            + e.getKey() + "' (" + e.getValue() + ") has span " + sel.span + ", the others " + span
            + "; choose a span explicitly");
      }
      span = sel.span;
      version = sel.version;
      all.addAll(sel.files);
    }
    return new InputFiles(all, span, version);
  }

  private record Selection(List<InputFile> files, long span, Long version) {}

  private static Selection select(String split, String pattern, Long firstSpan, Long lastSpan) {
    String expanded = expandDirectory(pattern);
    SpanPattern sp = SpanPattern.of(expanded);
    if (!sp.hasSpan() && firstSpan != null) {
      throw new InvalidParameterException("Span " + firstSpan + " was asked for, but input pattern '"
          + pattern + "' has no {SPAN} or {YYYY}{MM}{DD} placeholder");
    }
    List<MatchResult.Metadata> matched = match(sp.glob(), !expanded.equals(pattern) || isGlob(pattern));
    if (matched.isEmpty()) {
      throw new InvalidInputException("No input files match '" + pattern + "'"
          + (expanded.equals(pattern) ? "" : " (read as " + expanded + ")"));
    }
    // span -> version -> files
    TreeMap<Long, TreeMap<Long, List<MatchResult.Metadata>>> bySpan = new TreeMap<>();
    for (MatchResult.Metadata m : matched) {
      String path = m.resourceId().toString();
      OptionalLong s = sp.span(path);
      if (s.isEmpty()) {
        continue; // matched the loose glob but not the placeholders' digits (e.g. span=latest)
      }
      long v = sp.version(path).orElse(-1);
      bySpan.computeIfAbsent(s.getAsLong(), k -> new TreeMap<>())
          .computeIfAbsent(v, k -> new ArrayList<>()).add(m);
    }
    if (bySpan.isEmpty()) {
      throw new InvalidInputException("Files match '" + sp.glob() + "' but none has a span where '"
          + pattern + "' expects one (e.g. " + matched.get(0).resourceId() + ")");
    }
    long from = firstSpan == null ? bySpan.lastKey() : firstSpan;
    long to = firstSpan == null ? bySpan.lastKey() : lastSpan == null ? firstSpan : lastSpan;
    List<InputFile> files = new ArrayList<>();
    Long version = null;
    for (long s = from; s <= to; s++) {
      TreeMap<Long, List<MatchResult.Metadata>> versions = bySpan.get(s);
      if (versions == null) {
        throw new InvalidInputException("Span " + s + " has no files matching '" + pattern
            + "'; spans present: " + bySpan.keySet());
      }
      // The latest version of each span: a re-export of a span supersedes the earlier one.
      Map.Entry<Long, List<MatchResult.Metadata>> latest = versions.lastEntry();
      version = latest.getKey() < 0 ? null : latest.getKey();
      for (MatchResult.Metadata m : latest.getValue()) {
        files.add(new InputFile(split, m.resourceId().toString(), m.sizeBytes(),
            m.lastModifiedMillis()));
      }
    }
    files.sort(java.util.Comparator.comparing(InputFile::path));
    for (InputFile f : files) {
      if (f.size() == 0) {
        throw new InvalidInputException("Input file " + f.path() + " is empty (0 bytes)");
      }
    }
    return new Selection(files, to, version);
  }

  /** A local directory stands for every file in it. */
  private static String expandDirectory(String pattern) {
    if (pattern.endsWith("/")) {
      return pattern + "*";
    }
    Optional<Path> local = isGlob(pattern) || pattern.contains("{") ? Optional.empty()
        : ArtifactUris.localPath(pattern);
    if (local.isPresent() && Files.isDirectory(local.get())) {
      return ArtifactUris.child(local.get().toString(), "*");
    }
    return local.map(Path::toString).orElse(pattern);
  }

  private static boolean isGlob(String pattern) {
    return pattern.indexOf('*') >= 0 || pattern.indexOf('?') >= 0 || pattern.indexOf('[') >= 0;
  }

  private static List<MatchResult.Metadata> match(String glob, boolean skipHidden) {
    try {
      MatchResult result = FileSystems.match(absolute(glob), EmptyMatchTreatment.ALLOW);
      List<MatchResult.Metadata> out = new ArrayList<>();
      if (result.status() == MatchResult.Status.NOT_FOUND) {
        return out;
      }
      for (MatchResult.Metadata m : result.metadata()) {
        String name = m.resourceId().getFilename();
        boolean hidden = name != null && (name.startsWith(".") || name.startsWith("_"));
        if (!m.resourceId().isDirectory() && !(skipHidden && hidden)) {
          out.add(m);
        }
      }
      out.sort(java.util.Comparator.comparing(m -> m.resourceId().toString()));
      return out;
    } catch (IOException e) {
      throw new InvalidInputException("Cannot list input files '" + glob + "': " + e.getMessage(), e);
    }
  }

  /** Local patterns are made absolute so the span regex sees the same text the matcher returns. */
  private static String absolute(String glob) {
    boolean hasScheme = glob.matches("^[A-Za-z][A-Za-z0-9+.-]+:.*");
    return hasScheme ? glob : Path.of(glob).toAbsolutePath().normalize().toString();
  }

  /** The fingerprint of the input files: count, bytes, and a SHA-256 over names, sizes and times. */
  public String fingerprint() {
    StringBuilder listing = new StringBuilder();
    long bytes = 0;
    for (InputFile f : files) {
      listing.append(f.split()).append('\t').append(f.path()).append('\t').append(f.size()).append('\t')
          .append(f.lastModifiedMillis()).append('\n');
      bytes += f.size();
    }
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256")
          .digest(listing.toString().getBytes(StandardCharsets.UTF_8));
      return "files=" + files.size() + ",bytes=" + bytes + ",sha256=" + HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
    }
  }
}
