package io.beamline.core.schema;

import java.nio.charset.StandardCharsets;

/**
 * Writes a {@link TextMessage} the way protobuf's Python {@code text_format} does, which is what
 * TFX and TFDV use for {@code schema.pbtxt}: two-space indentation, {@code name: value} for scalars,
 * {@code name {} for messages, strings in double quotes with C-style escapes and every byte outside
 * printable ASCII as a three-digit octal escape.
 */
final class TextFormatPrinter {
  private final StringBuilder out = new StringBuilder();

  private TextFormatPrinter() {}

  static String print(TextMessage message) {
    TextFormatPrinter p = new TextFormatPrinter();
    p.body(message, 0);
    return p.out.toString();
  }

  private void body(TextMessage message, int depth) {
    for (TextField f : message.fields()) {
      comments(f.comments(), depth);
      indent(depth);
      out.append(f.name());
      if (f.value() instanceof TextMessage m) {
        out.append(" {\n");
        body(m, depth + 1);
        indent(depth);
        out.append("}\n");
      } else if (f.value() instanceof TextValue.Quoted q) {
        out.append(": ").append(quote(q.text())).append('\n');
      } else if (f.value() instanceof TextValue.Literal l) {
        out.append(": ").append(l.token()).append('\n');
      }
    }
    comments(message.trailingComments(), depth);
  }

  private void comments(java.util.List<String> lines, int depth) {
    for (String c : lines) {
      indent(depth);
      out.append('#').append(c).append('\n');
    }
  }

  private void indent(int depth) {
    out.append("  ".repeat(depth));
  }

  /** A string in double quotes with the escapes protobuf's {@code CEscape} produces. */
  static String quote(String text) {
    StringBuilder sb = new StringBuilder("\"");
    for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xff;
      switch (c) {
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        case '"' -> sb.append("\\\"");
        case '\'' -> sb.append("\\'");
        case '\\' -> sb.append("\\\\");
        default -> {
          if (c < 0x20 || c >= 0x7f) {
            sb.append('\\').append(String.format("%03o", c));
          } else {
            sb.append((char) c);
          }
        }
      }
    }
    return sb.append('"').toString();
  }
}
