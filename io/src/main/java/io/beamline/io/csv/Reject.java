package io.beamline.io.csv;

import io.beamline.core.Json;
import java.io.Serializable;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * An input row that could not become an example, kept so that nothing is lost silently (ExampleGen
 * writes them to its {@code rejects} output; {@link CsvExamples} returns them).
 *
 * @param file the input file's path
 * @param line the physical line number (1-based) where the row starts
 * @param reason why it was rejected
 * @param raw the row's text as read, one char per byte (ISO-8859-1), without its final line break
 */
public record Reject(String file, long line, String reason, String raw) implements Serializable {
  public Reject {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(raw, "raw");
  }

  /**
   * One JSON line: {@code file}, {@code line}, {@code reason} and {@code raw} (the text as UTF-8);
   * when the raw bytes are not valid UTF-8, {@code raw} has replacement characters and
   * {@code raw_base64} holds the exact bytes.
   */
  public String toJsonLine() {
    byte[] bytes = raw.getBytes(StandardCharsets.ISO_8859_1);
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("file", file);
    doc.put("line", line);
    doc.put("reason", reason);
    try {
      doc.put("raw", StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes)).toString());
    } catch (CharacterCodingException e) {
      doc.put("raw", new String(bytes, StandardCharsets.UTF_8));
      doc.put("raw_base64", Base64.getEncoder().encodeToString(bytes));
    }
    return Json.write(doc);
  }
}
