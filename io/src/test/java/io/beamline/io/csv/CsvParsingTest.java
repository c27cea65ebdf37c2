package io.beamline.io.csv;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CsvParsingTest {
  private static List<CsvRecordSplitter.Chunk> chunks(String text, char delimiter) throws Exception {
    CsvRecordSplitter s = new CsvRecordSplitter(bytes(text), delimiter, '"');
    List<CsvRecordSplitter.Chunk> out = new ArrayList<>();
    for (CsvRecordSplitter.Chunk c = s.next(); c != null; c = s.next()) {
      out.add(c);
    }
    return out;
  }

  private static ByteArrayInputStream bytes(String text) {
    return new ByteArrayInputStream(text.getBytes(StandardCharsets.ISO_8859_1));
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
  void fieldsAreCutFromTheBufferAcrossRefillsAndRecordsLongerThanIt() throws Exception {
    // A reader that hands out 7 chars at a time puts buffer refills inside fields, before a \n of a
    // \r\n and inside quoted records; one record is longer than the splitter's 64K buffer.
    String longCell = "x".repeat(70_000);
    String csv = "a,b,c\r\n1,,3\r\n" + longCell + ",5,6\r\n\r\n7,\"q\r\nq\",9\n10,11\n12,13,14";
    java.io.InputStream trickle = new java.io.FilterInputStream(bytes(csv)) {
      @Override
      public int read(byte[] b, int off, int len) throws java.io.IOException {
        return super.read(b, off, Math.min(len, 7));
      }
    };
    CsvRecordSplitter s = new CsvRecordSplitter(trickle, ',', '"');
    List<String> seen = new ArrayList<>();
    List<Long> lines = new ArrayList<>();
    List<Long> offsets = new ArrayList<>();
    while (s.advance()) {
      lines.add(s.recordLine());
      offsets.add(s.offset());
      if (s.isEmpty()) {
        seen.add("<blank>");
      } else if (s.isQuoted()) {
        seen.add("quoted:" + s.text());
      } else {
        List<String> fields = new ArrayList<>();
        for (int i = 0; i < s.fieldCount(); i++) {
          String f = s.field(i);
          fields.add(f == null ? "<missing>" : f.length() > 10 ? f.length() + "x" : f);
        }
        seen.add(String.join("|", fields));
      }
    }
    assertEquals(List.of("a|b|c", "1|<missing>|3", "70000x|5|6", "<blank>", "quoted:7,\"q\r\nq\",9", "10|11",
        "12|13|14"), seen);
    assertEquals(List.of(1L, 2L, 3L, 4L, 5L, 7L, 8L), lines);
    int longEnd = csv.indexOf(",6\r\n") + 4;
    assertEquals(longEnd, offsets.get(2));
    assertEquals(csv.length(), offsets.get(6));
  }

  @Test
  void plainDecimalsParseToTheJdksFloatIncludingNextToFloatMidpoints() {
    java.util.Random random = new java.util.Random(42);
    List<String> cells = new java.util.ArrayList<>();
    List<String> nearMidpoints = new java.util.ArrayList<>();
    for (int n = 0; n < 200_000; n++) {
      // random digits with a random dot: every magnitude a 15-digit decimal can have
      StringBuilder v = new StringBuilder(random.nextBoolean() ? "-" : "");
      int digits = 1 + random.nextInt(15);
      int dot = random.nextInt(digits + 1);
      for (int d = 0; d < digits; d++) {
        if (d == dot) {
          v.append('.');
        }
        v.append((char) ('0' + random.nextInt(10)));
      }
      cells.add(v.toString());
      // the exact midpoint between a float and the next, cut to 15 digits and nudged: the hard cases
      float f = Float.intBitsToFloat(0x3000_0000 + random.nextInt(0x1800_0000));
      java.math.BigDecimal mid = new java.math.BigDecimal(f).add(new java.math.BigDecimal(Math.nextUp(f)))
          .divide(java.math.BigDecimal.valueOf(2));
      java.math.BigDecimal cut = mid.round(new java.math.MathContext(15));
      if (cut.scale() >= 0 && cut.scale() <= 15 && cut.precision() <= 15) {
        nearMidpoints.add(cut.toPlainString());
        nearMidpoints.add(cut.add(cut.ulp()).toPlainString());
        nearMidpoints.add(cut.subtract(cut.ulp()).toPlainString());
      }
    }
    // all but exact float midpoints (e.g. integers past 2^24 halfway between two floats) take it
    int taken = plainFloatsAgreeWithTheJdk(cells);
    assertTrue(taken > cells.size() * 95 / 100, "plain decimals taking the fast path: " + taken);
    int hard = plainFloatsAgreeWithTheJdk(nearMidpoints);
    assertTrue(hard > 10_000, "near-midpoint decimals of at most 15 digits checked: " + hard);
    for (String other : new String[] {"1e3", "NaN", "0x1p3", "1.2.3", "", "-", ".", "1f", "1234567890123456"}) {
      byte[] bytes = other.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
      assertTrue(Float.isNaN(ValueKinds.parsePlainFloat(bytes, 0, bytes.length)), other);
    }
  }

  /** Checks every value the fast path takes against the JDK; returns how many it took. */
  private static int plainFloatsAgreeWithTheJdk(List<String> values) {
    int taken = 0;
    for (String v : values) {
      byte[] bytes = v.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
      float plain = ValueKinds.parsePlainFloat(bytes, 0, bytes.length);
      if (!Float.isNaN(plain)) {
        taken++;
        assertEquals(Float.floatToIntBits(Float.parseFloat(v)), Float.floatToIntBits(plain), v);
      }
    }
    return taken;
  }

  @Test
  void cellsParseFromBytesExactlyWhenTheirKindAllowsAndAsTheJdkWould() {
    String[] cells = {"0", "-0", "+7", "-42", "9223372036854775807", "-9223372036854775808",
        "9223372036854775808", "-9223372036854775809", "999999999999999999", "-999999999999999999",
        "1000000000000000000", "000000000000000000042", "12.45", "-.5", "1.", "1e3", "2.5E-3", "+1e+2",
        "41.920452", "3.4028236e38", "1e-50", "NaN", "Infinity", "-Infinity", "0x1p3", "1f", "1d", " 1", "1 ",
        "-", "+", ".", "e5", "1e", "1_000", "abc"};
    CsvBatch batch = CsvBatch.of("", "t.csv", new long[cells.length], new String[][] {cells});
    for (int r = 0; r < cells.length; r++) {
      String v = cells[r];
      byte kind = ValueKinds.kindOf(v);
      if (kind == ValueKinds.INT) {
        assertEquals(Long.parseLong(v), batch.longAt(0, r), v);
      } else {
        int row = r;
        org.junit.jupiter.api.Assertions.assertThrows(NumberFormatException.class, () -> batch.longAt(0, row), v);
      }
      if (kind == ValueKinds.INT || kind == ValueKinds.FLOAT) {
        assertEquals(Float.parseFloat(v), batch.floatAt(0, r), v);
        assertTrue(batch.isNumberAt(0, r), v);
      } else {
        int row = r;
        org.junit.jupiter.api.Assertions.assertThrows(NumberFormatException.class, () -> batch.floatAt(0, row), v);
      }
    }
    assertEquals(ValueKinds.FLOAT, ValueKinds.kindOf("9223372036854775808"));
    assertEquals(cells.length, batch.rowCount());
  }

  @Test
  void batchBuiltWithRoomToSpareSurvivesItsCoder() throws Exception {
    CsvBatch.Builder b = new CsvBatch.Builder("train", "f.csv", 3, 8);
    byte[] record = "1,,x\u00e9".getBytes(StandardCharsets.ISO_8859_1);
    b.addRow(4, record, 0, record.length, new int[] {1, 2}, 2);
    b.addRow(6, new String[] {"2.5", "q", null});
    CsvBatch batch = b.build();
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    CsvBatch.Coder.of().encode(batch, out);
    CsvBatch back = CsvBatch.Coder.of().decode(new ByteArrayInputStream(out.toByteArray()));
    for (CsvBatch x : List.of(batch, back)) {
      assertEquals(2, x.rowCount());
      assertEquals("train", x.split());
      assertEquals(List.of(4L, 6L), List.of(x.line(0), x.line(1)));
      assertEquals(1L, x.longAt(0, 0));
      assertEquals(2.5f, x.floatAt(0, 1));
      assertTrue(x.isMissing(1, 0));
      assertEquals("q", x.value(1, 1));
      assertEquals("x\u00e9", x.value(2, 0));
      assertNull(x.value(2, 1));
      assertTrue(!x.isAsciiAt(2, 0) && x.isAsciiAt(1, 1));
    }
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
    assertEquals(ValueKinds.BYTES, ValueKinds.kindOf("1e"));
    assertEquals(ValueKinds.BYTES, ValueKinds.kindOf("-"));
    assertEquals(ValueKinds.BYTES, ValueKinds.kindOf(" 1"));
  }

  @Test
  void nanAndInfinityInPythonsSpellingsAreFloatsAndParseToThem() {
    // the spellings Python's float() takes (TFX's CSV decoder relies on it), any case, optional sign
    String[] nan = {"nan", "NaN", "NAN", "-nan", "+NaN"};
    String[] posInf = {"inf", "Inf", "+inf", "INF", "infinity", "Infinity", "+INFINITY"};
    String[] negInf = {"-inf", "-Inf", "-Infinity", "-INFINITY"};
    String[] text = {"na", "nann", "in", "infinit", "infinityy", "-", "+-inf", " nan", "nan ", "inf1", "1inf",
        "n/a", "none", "null", "iNf-", "NaN1", "-+1"};
    String[] cells = new String[nan.length + posInf.length + negInf.length + text.length + 1];
    int n = 0;
    for (String[] group : new String[][] {nan, posInf, negInf, text}) {
      for (String v : group) {
        cells[n++] = v;
      }
    }
    cells[n] = "1e309"; // beyond float's range: stays FLOAT, read as +infinity
    CsvBatch batch = CsvBatch.of("", "t.csv", new long[cells.length], new String[][] {cells});
    for (int r = 0; r < cells.length; r++) {
      String v = cells[r];
      int row = r;
      if (r < nan.length) {
        assertEquals(ValueKinds.FLOAT, ValueKinds.kindOf(v), v);
        assertTrue(Float.isNaN(batch.floatAt(0, r)), v);
      } else if (r < nan.length + posInf.length || r == cells.length - 1) {
        assertEquals(ValueKinds.FLOAT, ValueKinds.kindOf(v), v);
        assertEquals(Float.POSITIVE_INFINITY, batch.floatAt(0, r), v);
      } else if (r < nan.length + posInf.length + negInf.length) {
        assertEquals(ValueKinds.FLOAT, ValueKinds.kindOf(v), v);
        assertEquals(Float.NEGATIVE_INFINITY, batch.floatAt(0, r), v);
      } else {
        assertEquals(ValueKinds.BYTES, ValueKinds.kindOf(v), v);
        assertTrue(!batch.isNumberAt(0, r), v);
        org.junit.jupiter.api.Assertions.assertThrows(NumberFormatException.class, () -> batch.floatAt(0, row), v);
      }
      if (r < cells.length - 1) {
        org.junit.jupiter.api.Assertions.assertThrows(NumberFormatException.class, () -> batch.longAt(0, row), v);
      }
    }
  }

  @Test
  void aNumberWithNulBytesIsDamageButTextWithNulIsText() {
    assertTrue(ValueKinds.isNumberWithNul("1\u00002.5"));
    assertTrue(ValueKinds.isNumberWithNul("\u00007"));
    assertTrue(ValueKinds.isNumberWithNul("n\u0000an"));
    assertTrue(ValueKinds.isNumberWithNul("\u0000\u0000")); // a zero-filled cell: nothing but NULs
    assertTrue(!ValueKinds.isNumberWithNul("12.5"));
    assertTrue(!ValueKinds.isNumberWithNul("ab\u0000c"));
    assertTrue(!ValueKinds.isNumberWithNul(""));
    assertEquals(ValueKinds.BYTES, ValueKinds.kindOf("1\u00002.5"));
  }
}
