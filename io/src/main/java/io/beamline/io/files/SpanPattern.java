package io.beamline.io.files;

import io.beamline.core.InvalidParameterException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An input pattern with TFX's span placeholders: {@code {SPAN}}, {@code {VERSION}}, and the date
 * form {@code {YYYY}}, {@code {MM}}, {@code {DD}} (whose span is the day number since 1970-01-01, as
 * in TFX). It gives a glob to match files with and reads the span and version back from each matched
 * path.
 */
final class SpanPattern {
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{(SPAN|VERSION|YYYY|MM|DD)}");
  private final String pattern;
  private final String glob;
  private final Pattern regex;
  private final List<String> groups;

  private SpanPattern(String pattern, String glob, Pattern regex, List<String> groups) {
    this.pattern = pattern;
    this.glob = glob;
    this.regex = regex;
    this.groups = groups;
  }

  static SpanPattern of(String pattern) {
    List<String> groups = new ArrayList<>();
    StringBuilder glob = new StringBuilder();
    StringBuilder regex = new StringBuilder();
    Matcher m = PLACEHOLDER.matcher(pattern);
    int last = 0;
    while (m.find()) {
      appendLiteral(pattern.substring(last, m.start()), regex);
      glob.append(pattern, last, m.start()).append('*');
      String name = m.group(1);
      if (groups.contains(name)) {
        throw new InvalidParameterException("Input pattern '" + pattern + "' has {" + name + "} twice");
      }
      groups.add(name);
      regex.append(switch (name) {
        case "YYYY" -> "(\\d{4})";
        case "MM", "DD" -> "(\\d{2})";
        default -> "(\\d+)";
      });
      last = m.end();
    }
    appendLiteral(pattern.substring(last), regex);
    glob.append(pattern.substring(last));
    boolean date = groups.contains("YYYY") || groups.contains("MM") || groups.contains("DD");
    if (date && !(groups.contains("YYYY") && groups.contains("MM") && groups.contains("DD"))) {
      throw new InvalidParameterException("Input pattern '" + pattern
          + "': a date span needs all of {YYYY}, {MM} and {DD}");
    }
    if (date && groups.contains("SPAN")) {
      throw new InvalidParameterException("Input pattern '" + pattern
          + "': use either {SPAN} or the date placeholders {YYYY}{MM}{DD}, not both");
    }
    if (groups.contains("VERSION") && !groups.contains("SPAN") && !date) {
      throw new InvalidParameterException("Input pattern '" + pattern
          + "': {VERSION} needs a span placeholder ({SPAN} or {YYYY}{MM}{DD}) too");
    }
    return new SpanPattern(pattern, glob.toString(), Pattern.compile(regex + "$"), List.copyOf(groups));
  }

  /**
   * Glob syntax keeps its meaning (within one path segment): {@code *}, {@code **}, {@code ?}, a
   * class {@code [abc]} / {@code [!a-z]} (so a path escaped by {@code ArtifactUris.escapeGlob}, where
   * {@code [*]} is a literal star, reads back) and a group {@code {a,b}}; everything else is literal.
   */
  private static void appendLiteral(String text, StringBuilder regex) {
    StringBuilder literal = new StringBuilder();
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      int close = c == '[' ? text.indexOf(']', i + 2) : c == '{' ? text.indexOf('}', i + 1) : -1;
      if (c != '*' && c != '?' && close < 0) {
        literal.append(c);
        continue;
      }
      if (literal.length() > 0) {
        regex.append(Pattern.quote(literal.toString()));
        literal.setLength(0);
      }
      if (c == '[') {
        regex.append(characterClass(text.substring(i + 1, close)));
        i = close;
      } else if (c == '{') {
        regex.append("(?:");
        String[] options = text.substring(i + 1, close).split(",", -1);
        for (int k = 0; k < options.length; k++) {
          regex.append(k > 0 ? "|" : "").append(Pattern.quote(options[k]));
        }
        regex.append(')');
        i = close;
      } else {
        boolean doubleStar = c == '*' && i + 1 < text.length() && text.charAt(i + 1) == '*';
        regex.append(doubleStar ? ".*" : c == '*' ? "[^/]*" : "[^/]");
        i += doubleStar ? 1 : 0;
      }
    }
    if (literal.length() > 0) {
      regex.append(Pattern.quote(literal.toString()));
    }
  }

  /** A glob class's body ({@code !a-z}) as a regex class: {@code !} negates, ranges stay, the rest is literal. */
  private static String characterClass(String body) {
    StringBuilder out = new StringBuilder("[");
    int start = 0;
    if (body.startsWith("!")) {
      out.append('^');
      start = 1;
    }
    for (int k = start; k < body.length(); k++) {
      char c = body.charAt(k);
      if (c == '-' && k > start && k < body.length() - 1) {
        out.append('-');
      } else if (Character.isLetterOrDigit(c)) {
        out.append(c);
      } else {
        out.append('\\').append(c);
      }
    }
    return out.append(']').toString();
  }

  boolean hasSpan() {
    return groups.contains("SPAN") || groups.contains("YYYY");
  }

  boolean hasVersion() {
    return groups.contains("VERSION");
  }

  String glob() {
    return glob;
  }

  /** The span of a matched path (0 when the pattern has none); empty when the path does not fit. */
  OptionalLong span(String path) {
    if (groups.isEmpty()) {
      // no placeholders: the file system's match decided alone (an existing file named data[x].csv
      // is taken as itself, which this pattern's class [x] would not match)
      return OptionalLong.of(0);
    }
    Matcher m = regex.matcher(path);
    if (!m.find()) {
      return OptionalLong.empty();
    }
    if (groups.contains("SPAN")) {
      return OptionalLong.of(Long.parseLong(m.group(groups.indexOf("SPAN") + 1)));
    }
    if (groups.contains("YYYY")) {
      try {
        LocalDate day = LocalDate.of(Integer.parseInt(m.group(groups.indexOf("YYYY") + 1)),
            Integer.parseInt(m.group(groups.indexOf("MM") + 1)),
            Integer.parseInt(m.group(groups.indexOf("DD") + 1)));
        return OptionalLong.of(day.toEpochDay());
      } catch (java.time.DateTimeException e) {
        return OptionalLong.empty();
      }
    }
    return OptionalLong.of(0);
  }

  /** The version of a matched path; empty when the pattern has no {@code {VERSION}} or the path does not fit. */
  OptionalLong version(String path) {
    Matcher m = regex.matcher(path);
    if (!hasVersion() || !m.find()) {
      return OptionalLong.empty();
    }
    return OptionalLong.of(Long.parseLong(m.group(groups.indexOf("VERSION") + 1)));
  }

  @Override
  public String toString() {
    return pattern;
  }

}
