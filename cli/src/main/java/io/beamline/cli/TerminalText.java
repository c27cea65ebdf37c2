package io.beamline.cli;

/**
 * Text from files, the store or the command line made safe to print on a terminal. Control
 * characters become visible escapes ({@code ESC} prints as {@code \x1b}), so a feature name, path,
 * artifact property or error message cannot recolour the terminal, move the cursor, retitle the
 * window or forge an extra line of output. Bidirectional overrides are escaped too: they make a
 * terminal show text in another order than it is.
 */
final class TerminalText {
  private TerminalText() {}

  /** One value: every control character escaped, newlines and tabs included. */
  static String escape(Object value) {
    return escape(String.valueOf(value), false);
  }

  /** A block meant to span lines (a multi-line message, a stack trace): newlines and tabs kept. */
  static String escapeLines(String text) {
    return escape(String.valueOf(text), true);
  }

  private static String escape(String s, boolean keepLines) {
    int i = 0;
    while (i < s.length() && !needsEscape(s, i, keepLines)) {
      i++;
    }
    if (i == s.length()) {
      return s;
    }
    StringBuilder b = new StringBuilder(s.length() + 16).append(s, 0, i);
    for (; i < s.length(); i++) {
      char c = s.charAt(i);
      if (!needsEscape(s, i, keepLines)) {
        b.append(c);
      } else if (c == '\n') {
        b.append("\\n");
      } else if (c == '\r') {
        b.append("\\r");
      } else if (c == '\t') {
        b.append("\\t");
      } else {
        b.append(String.format(c <= 0xff ? "\\x%02x" : "\\u%04x", (int) c));
      }
    }
    return b.toString();
  }

  /** C0, DEL and C1 controls, line and paragraph separators, bidi embeddings and isolates. */
  private static boolean needsEscape(String s, int i, boolean keepLines) {
    char c = s.charAt(i);
    if (keepLines && (c == '\n' || c == '\t' || c == '\r' && i + 1 < s.length() && s.charAt(i + 1) == '\n')) {
      return false;
    }
    return c < 0x20 || c >= 0x7f && c <= 0x9f || c == 0x2028 || c == 0x2029
        || c >= 0x202a && c <= 0x202e || c >= 0x2066 && c <= 0x2069;
  }
}
