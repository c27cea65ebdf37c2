package io.beamline.core.schema;

import io.beamline.core.InvalidInputException;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the protobuf text format into a {@link TextMessage} without knowing the message type.
 * Hand-written because protobuf-java's TextFormat needs the compiled message descriptors of
 * tensorflow_metadata (not on the classpath, and a TFX file may use fields newer than any copy we
 * would ship); the grammar is small: fields {@code name: scalar}, {@code name { ... }} or
 * {@code name < ... >}, lists {@code name: [a, b]}, optional {@code ,}/{@code ;} separators,
 * {@code #} comments, adjacent string concatenation and C-style escapes.
 */
final class TextFormatParser {
  private final String text;
  private final String source;
  private int pos;
  private int line = 1;
  private int column = 1;
  /** Comment lines read since the last token, handed to the next field or closing brace. */
  private List<String> pendingComments = new ArrayList<>();

  private TextFormatParser(String text, String source) {
    this.text = text;
    this.source = source;
  }

  /**
   * Parses a whole text-format document.
   *
   * @param source where the text came from, named in error messages
   * @throws InvalidInputException with the source, line and column of the first error
   */
  static TextMessage parse(String text, String source) {
    TextFormatParser p = new TextFormatParser(text, source);
    TextMessage m = p.messageBody(null);
    return m;
  }

  private TextMessage messageBody(Character close) {
    List<TextField> fields = new ArrayList<>();
    while (true) {
      skipSpaceAndComments();
      if (pos >= text.length()) {
        if (close != null) {
          throw error("expected '" + close + "' to close the message, got the end of the file");
        }
        return new TextMessage(fields, takeComments());
      }
      char c = text.charAt(pos);
      if (close != null && c == close) {
        List<String> trailing = takeComments();
        advance();
        return new TextMessage(fields, trailing);
      }
      if (c == '}' || c == '>') {
        throw error("unexpected '" + c + "' with no message open");
      }
      List<String> comments = takeComments();
      fields.addAll(field(comments));
    }
  }

  /** One field; a list value {@code name: [a, b]} gives one field per element. */
  private List<TextField> field(List<String> comments) {
    String name = fieldName();
    skipSpaceAndComments();
    boolean colon = false;
    if (peek() == ':') {
      colon = true;
      advance();
      skipSpaceAndComments();
    }
    List<TextField> out = new ArrayList<>();
    char c = peek();
    if (c == '{' || c == '<') {
      advance();
      out.add(new TextField(name, messageBody(c == '{' ? '}' : '>'), comments));
    } else if (c == '[') {
      advance();
      skipSpaceAndComments();
      if (peek() != ']') {
        while (true) {
          skipSpaceAndComments();
          TextValue v = peek() == '{' || peek() == '<' ? nestedInList() : scalar();
          out.add(new TextField(name, v, out.isEmpty() ? comments : List.of()));
          skipSpaceAndComments();
          if (peek() == ',') {
            advance();
            continue;
          }
          break;
        }
      }
      skipSpaceAndComments();
      expect(']', "to close the list of field '" + name + "'");
    } else {
      if (!colon) {
        throw error("expected ':' or '{' after field name '" + name + "', got " + describeHere());
      }
      out.add(new TextField(name, scalar(), comments));
    }
    skipSpaceAndComments();
    if (pos < text.length() && (peek() == ',' || peek() == ';')) {
      advance();
    }
    return out;
  }

  private TextValue nestedInList() {
    char open = peek();
    advance();
    return messageBody(open == '{' ? '}' : '>');
  }

  private String fieldName() {
    if (peek() == '[') {
      // Extension or Any type URL: kept verbatim, brackets included.
      int start = pos;
      while (pos < text.length() && text.charAt(pos) != ']' && text.charAt(pos) != '\n') {
        advance();
      }
      expect(']', "to close the extension name");
      return text.substring(start, pos);
    }
    int start = pos;
    while (pos < text.length() && isIdentifierChar(text.charAt(pos))) {
      advance();
    }
    if (start == pos || Character.isDigit(text.charAt(start))) {
      pos = start;
      throw error("expected a field name, got " + describeHere());
    }
    return text.substring(start, pos);
  }

  private TextValue scalar() {
    char c = peek();
    if (c == '"' || c == '\'') {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      int startLine = line;
      int startColumn = column;
      while (pos < text.length() && (peek() == '"' || peek() == '\'')) {
        quotedInto(bytes);
        skipSpaceAndComments();
      }
      return new TextValue.Quoted(utf8(bytes.toByteArray(), startLine, startColumn));
    }
    int start = pos;
    while (pos < text.length() && (isIdentifierChar(text.charAt(pos)) || "-+.".indexOf(text.charAt(pos)) >= 0)) {
      advance();
    }
    if (start == pos) {
      throw error("expected a value (number, enum name, boolean or quoted string), got " + describeHere());
    }
    return new TextValue.Literal(text.substring(start, pos));
  }

  private void quotedInto(ByteArrayOutputStream out) {
    char quote = peek();
    advance();
    while (true) {
      if (pos >= text.length() || peek() == '\n') {
        throw error("unterminated string: expected a closing " + quote);
      }
      char c = peek();
      if (c == quote) {
        advance();
        return;
      }
      if (c != '\\') {
        int cp = text.codePointAt(pos);
        out.writeBytes(new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8));
        advance();
        if (Character.charCount(cp) == 2) {
          advance();
        }
        continue;
      }
      advance();
      if (pos >= text.length()) {
        throw error("unterminated escape sequence at the end of the file");
      }
      char e = peek();
      advance();
      switch (e) {
        case 'n' -> out.write('\n');
        case 't' -> out.write('\t');
        case 'r' -> out.write('\r');
        case 'a' -> out.write(7);
        case 'b' -> out.write('\b');
        case 'f' -> out.write('\f');
        case 'v' -> out.write(11);
        case '\\', '\'', '"', '?' -> out.write(e);
        case 'x' -> out.write(digits(16, 2, "hex escape \\x"));
        case 'u' -> out.writeBytes(codePoint(digits(16, 4, "escape \\u")));
        case 'U' -> out.writeBytes(codePoint(digits(16, 8, "escape \\U")));
        default -> {
          if (e >= '0' && e <= '7') {
            pos--;
            column--;
            out.write(digits(8, 3, "octal escape") & 0xff);
          } else {
            throw error("unknown escape sequence \\" + e);
          }
        }
      }
    }
  }

  private int digits(int radix, int max, String what) {
    int value = 0;
    int n = 0;
    while (n < max && pos < text.length() && Character.digit(text.charAt(pos), radix) >= 0) {
      value = value * radix + Character.digit(text.charAt(pos), radix);
      advance();
      n++;
    }
    if (n == 0 || (radix == 16 && max > 2 && n < max)) {
      throw error("malformed " + what);
    }
    return value;
  }

  private byte[] codePoint(int cp) {
    if (!Character.isValidCodePoint(cp)) {
      throw error("escape gives an invalid code point " + Integer.toHexString(cp));
    }
    return new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8);
  }

  private String utf8(byte[] bytes, int atLine, int atColumn) {
    try {
      return StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes)).toString();
    } catch (CharacterCodingException e) {
      // Schemas hold names and domain values, which TFX writes as UTF-8; binary bytes values would
      // not survive a round trip through a Java String, so they are refused rather than mangled.
      throw new InvalidInputException(source + " line " + atLine + ", column " + atColumn
          + ": the string is not valid UTF-8 (binary byte strings are not supported in schemas)");
    }
  }

  private void skipSpaceAndComments() {
    while (pos < text.length()) {
      char c = text.charAt(pos);
      if (c == '#') {
        int end = text.indexOf('\n', pos);
        if (end < 0) {
          end = text.length();
        }
        pendingComments.add(text.substring(pos + 1, end));
        while (pos < end) {
          advance();
        }
      } else if (Character.isWhitespace(c)) {
        advance();
      } else {
        return;
      }
    }
  }

  private List<String> takeComments() {
    List<String> taken = pendingComments;
    pendingComments = new ArrayList<>();
    return taken;
  }

  private void expect(char c, String why) {
    if (pos >= text.length() || text.charAt(pos) != c) {
      throw error("expected '" + c + "' " + why + ", got " + describeHere());
    }
    advance();
  }

  private char peek() {
    if (pos >= text.length()) {
      throw error("unexpected end of the file");
    }
    return text.charAt(pos);
  }

  private void advance() {
    if (text.charAt(pos) == '\n') {
      line++;
      column = 1;
    } else {
      column++;
    }
    pos++;
  }

  private String describeHere() {
    if (pos >= text.length()) {
      return "the end of the file";
    }
    int end = pos;
    while (end < text.length() && end - pos < 20 && !Character.isWhitespace(text.charAt(end))) {
      end++;
    }
    return "'" + (end == pos ? text.charAt(pos) : text.substring(pos, end)) + "'";
  }

  private static boolean isIdentifierChar(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
  }

  private InvalidInputException error(String what) {
    return new InvalidInputException("Cannot parse " + source + " at line " + line + ", column " + column
        + ": " + what);
  }
}
