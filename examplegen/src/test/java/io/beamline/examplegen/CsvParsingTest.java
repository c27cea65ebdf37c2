package io.beamline.examplegen;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CsvParsingTest {
  private static List<CsvRecordSplitter.Chunk> chunks(String text, char delimiter) throws Exception {
    CsvRecordSplitter s = new CsvRecordSplitter(new StringReader(text), delimiter, '"');
    List<CsvRecordSplitter.Chunk> out = new ArrayList<>();
    for (CsvRecordSplitter.Chunk c = s.next(); c != null; c = s.next()) {
      out.add(c);
    }
    return out;
  }

  @Test
  void quotedCommasQuotesAndNewlinesStayInOneRecordWithPhysicalLineNumbers() throws Exception {
    String csv = "a,b,c\n1,\"x, y\",\"say \"\"hi\"\"\"\n2,\"two\nlines\",z\r\n3,,last";
    List<CsvRecordSplitter.Chunk> c = chunks(csv, ',');
    assertEquals(4, c.size());
    assertEquals(List.of(1L, 2L, 3L, 5L), c.stream().map(CsvRecordSplitter.Chunk::line).toList());
    CsvRows rows = new CsvRows(',');
    assertArrayEquals(new String[] {"1", "x, y", "say \"hi\""}, rows.parse(c.get(1)).values());
    assertArrayEquals(new String[] {"2", "two\nlines", "z"}, rows.parse(c.get(2)).values());
    assertArrayEquals(new String[] {"3", "", "last"}, rows.parse(c.get(3)).values());
    assertEquals("2,\"two\nlines\",z", c.get(2).text());
  }

  @Test
  void unterminatedQuoteRunsToTheEndAndIsReported() throws Exception {
    List<CsvRecordSplitter.Chunk> c = chunks("a,b\n1,\"open\n2,3\n", ',');
    assertEquals(2, c.size());
    assertTrue(c.get(1).unterminated());
    CsvRows.Parsed p = new CsvRows(',').parse(c.get(1));
    assertNull(p.values());
    assertEquals("quoted field opened but never closed before the end of the file", p.error());
  }

  @Test
  void strayCharacterAfterClosingQuoteIsBrokenQuotingAndTheNextLineIsItsOwnRecord() throws Exception {
    List<CsvRecordSplitter.Chunk> c = chunks("a,b\n\"x\"y,1\n2,3\n", ',');
    assertEquals(3, c.size());
    CsvRows rows = new CsvRows(',');
    assertTrue(rows.parse(c.get(1)).error().startsWith("broken quoting: "), rows.parse(c.get(1)).error());
    assertArrayEquals(new String[] {"2", "3"}, rows.parse(c.get(2)).values());
    assertEquals(3L, c.get(2).line());
  }

  @Test
  void quoteInsideAnUnquotedFieldIsLiteral() throws Exception {
    List<CsvRecordSplitter.Chunk> c = chunks("a;b\n5\"6;x\n", ';');
    assertEquals(2, c.size());
    assertArrayEquals(new String[] {"5\"6", "x"}, new CsvRows(';').parse(c.get(1)).values());
  }

  @Test
  void valueKindsFollowTfxRules() {
    assertEquals(ValueKinds.INT, ValueKinds.kindOf("-42"));
    assertEquals(ValueKinds.INT, ValueKinds.kindOf("9223372036854775807"));
    assertEquals(ValueKinds.FLOAT, ValueKinds.kindOf("9223372036854775808"));
    assertEquals(ValueKinds.FLOAT, ValueKinds.kindOf("2.5"));
    assertEquals(ValueKinds.FLOAT, ValueKinds.kindOf(".5e-3"));
    assertEquals(ValueKinds.FLOAT, ValueKinds.kindOf("1."));
    assertEquals(ValueKinds.BYTES, ValueKinds.kindOf("1f"));
    assertEquals(ValueKinds.BYTES, ValueKinds.kindOf("NaN"));
    assertEquals(ValueKinds.BYTES, ValueKinds.kindOf("1e"));
    assertEquals(ValueKinds.BYTES, ValueKinds.kindOf("-"));
    assertEquals(ValueKinds.BYTES, ValueKinds.kindOf(" 1"));
  }
}
