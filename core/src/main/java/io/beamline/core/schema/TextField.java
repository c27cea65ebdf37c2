package io.beamline.core.schema;

import java.util.List;
import java.util.Objects;

/**
 * One field of a text-format message.
 *
 * @param name the field name as written (an extension keeps its brackets, e.g. {@code [pkg.ext]})
 * @param value a scalar or a nested message
 * @param comments the comment lines directly above the field, without their leading {@code #}
 */
public record TextField(String name, TextValue value, List<String> comments) {
  public TextField {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(value, "value");
    comments = List.copyOf(comments);
  }

  public static TextField of(String name, TextValue value) {
    return new TextField(name, value, List.of());
  }

  /** A quoted string field, e.g. {@code name: "fare"}. */
  public static TextField quoted(String name, String text) {
    return of(name, new TextValue.Quoted(text));
  }

  /** A bare literal field, e.g. {@code type: FLOAT} or {@code min_count: 1}. */
  public static TextField literal(String name, String token) {
    return of(name, new TextValue.Literal(token));
  }

  public TextField withComments(List<String> lines) {
    return new TextField(name, value, lines);
  }
}
