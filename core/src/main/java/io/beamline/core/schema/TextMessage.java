package io.beamline.core.schema;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A protobuf text-format message as an ordered list of fields, whatever the message type: the
 * lossless form a schema is read into, so fields Beamline does not model are written back as they
 * were. Field order and comments are kept; a repeated field is several fields with the same name.
 *
 * @param fields the fields in file order
 * @param trailingComments comment lines after the last field (before the closing brace or end of
 *     file), without their leading {@code #}
 */
public record TextMessage(List<TextField> fields, List<String> trailingComments) implements TextValue {
  public TextMessage {
    fields = List.copyOf(fields);
    trailingComments = List.copyOf(trailingComments);
  }

  public static TextMessage of(List<TextField> fields) {
    return new TextMessage(fields, List.of());
  }

  public static TextMessage empty() {
    return of(List.of());
  }

  /** Every value of the field {@code name}, in order. */
  public List<TextValue> all(String name) {
    List<TextValue> out = new ArrayList<>();
    for (TextField f : fields) {
      if (f.name().equals(name)) {
        out.add(f.value());
      }
    }
    return out;
  }

  /** The last value of {@code name} (the text format lets a later singular value win). */
  public Optional<TextValue> get(String name) {
    TextValue found = null;
    for (TextField f : fields) {
      if (f.name().equals(name)) {
        found = f.value();
      }
    }
    return Optional.ofNullable(found);
  }

  public boolean has(String name) {
    return get(name).isPresent();
  }

  /** Every nested message named {@code name}; a scalar under that name is an error. */
  public List<TextMessage> messages(String name) {
    List<TextMessage> out = new ArrayList<>();
    for (TextValue v : all(name)) {
      out.add(asMessage(name, v));
    }
    return out;
  }

  public Optional<TextMessage> message(String name) {
    return get(name).map(v -> asMessage(name, v));
  }

  /** The string value of {@code name}; a quoted value or, leniently, a bare one. */
  public Optional<String> string(String name) {
    return get(name).map(v -> scalarText(name, v));
  }

  /** Every string value of the repeated field {@code name}. */
  public List<String> strings(String name) {
    return all(name).stream().map(v -> scalarText(name, v)).toList();
  }

  /** A bare literal (number, enum, boolean) as written. */
  public Optional<String> literal(String name) {
    return get(name).map(v -> {
      if (v instanceof TextValue.Literal l) {
        return l.token();
      }
      throw new IllegalArgumentException("Field '" + name + "' should be a number, enum or boolean, got "
          + describe(v));
    });
  }

  private static TextMessage asMessage(String name, TextValue v) {
    if (v instanceof TextMessage m) {
      return m;
    }
    throw new IllegalArgumentException("Field '" + name + "' should be a message { ... }, got " + describe(v));
  }

  private static String scalarText(String name, TextValue v) {
    if (v instanceof TextValue.Quoted q) {
      return q.text();
    }
    if (v instanceof TextValue.Literal l) {
      return l.token();
    }
    throw new IllegalArgumentException("Field '" + name + "' should be a string, got a message");
  }

  private static String describe(TextValue v) {
    if (v instanceof TextValue.Quoted q) {
      return "the string \"" + q.text() + "\"";
    }
    if (v instanceof TextValue.Literal l) {
      return "'" + l.token() + "'";
    }
    return "a message";
  }
}
