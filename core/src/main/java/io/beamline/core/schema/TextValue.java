package io.beamline.core.schema;

import java.util.Objects;

/**
 * The value of one field in the protobuf text format: a quoted string, a bare literal (number,
 * enum name, {@code true}/{@code false}) kept exactly as written, or a nested message.
 */
public sealed interface TextValue permits TextValue.Quoted, TextValue.Literal, TextMessage {

  /** A string value, unescaped (the writer escapes it again as protobuf's C-style escapes). */
  record Quoted(String text) implements TextValue {
    public Quoted {
      Objects.requireNonNull(text, "text");
    }
  }

  /**
   * A bare token as it appeared in the file, e.g. {@code 1.0}, {@code FLOAT}, {@code true}. Kept as
   * text so that {@code 1.0} is written back as {@code 1.0}, not {@code 1}.
   */
  record Literal(String token) implements TextValue {
    public Literal {
      Objects.requireNonNull(token, "token");
      if (token.isEmpty()) {
        throw new IllegalArgumentException("A literal needs at least one character");
      }
    }
  }
}
