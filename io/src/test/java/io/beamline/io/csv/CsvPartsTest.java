package io.beamline.io.csv;

import io.beamline.io.files.InputFile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.beamline.core.examples.FeatureType;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.HashSet;
import java.util.Map;
import java.util.Queue;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.zip.GZIPOutputStream;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.ParDo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A CSV file cut into parts ({@link CsvFileCutter}) and read part by part ({@link CsvPartReader})
 * gives exactly the rows, line numbers and rejects of one read of the whole file, whatever the part
 * size and however quotes and line breaks fall.
 */
class CsvPartsTest {
  @TempDir Path tmp;

  private static final List<String> HEADER = List.of("id", "name", "score");

  @Test
  void cutsFallOnTheSplittersRecordBoundariesWithItsLineNumbers() throws IOException {
    byte[] csv = tricky(new Random(7), 400);
    Map<Long, Long> boundaries = recordBoundaries(csv);
    for (long partBytes : new long[] {1, 3, 17, 64, 500, csv.length / 2, csv.length}) {
      List<CsvRange> parts = cut(csv, partBytes);
      assertEquals(0, parts.get(0).startOffset());
      assertEquals(1, parts.get(0).startLine());
      assertEquals(csv.length, parts.get(parts.size() - 1).endOffset());
      for (int i = 1; i < parts.size(); i++) {
        CsvRange part = parts.get(i);
        assertEquals(parts.get(i - 1).endOffset(), part.startOffset(), "parts are contiguous");
        assertEquals(boundaries.get(part.startOffset()), part.startLine(),
            "part " + part + " must start on a record boundary, with that boundary's line");
        assertTrue(part.startOffset() - parts.get(i - 1).startOffset() >= partBytes, "parts are at least partBytes");
      }
      if (partBytes <= 17) {
        assertTrue(parts.size() > 20, "small parts: " + parts.size());
      }
    }
    assertEquals(1, cut(csv, csv.length).size(), "a file below two parts is one part");
  }

  @Test
  void readingPartByPartGivesTheWholeFilesRowsLinesAndRejects() throws IOException {
    byte[] csv = tricky(new Random(11), 300);
    Path file = Files.write(tmp.resolve("tricky.csv"), csv);
    InputFile input = new InputFile("", file.toString(), csv.length, 0);
    List<String> whole = read(input, List.of(new CsvRange(0, 1, csv.length)));
    assertTrue(whole.stream().anyMatch(s -> s.startsWith("reject")), "the data has rejects");
    assertTrue(whole.stream().filter(s -> s.startsWith("row")).count() > 200);
    for (long partBytes : new long[] {1, 5, 40, 333}) {
      List<CsvRange> parts = cut(csv, partBytes);
      assertTrue(parts.size() > 1);
      assertEquals(whole, read(input, parts), "part bytes " + partBytes);
    }
  }

  @Test
  void lineBreaksAndQuotedFieldsAcrossTheScanBufferAreFollowed() throws IOException {
    // the scan reads 1 MB at a time: put the \r of a line break (ending a record, or inside a quoted
    // field) as the last byte of the first read, and a quoted \n there too
    int edge = (1 << 20) - 1;
    for (String[] shape : new String[][] {{",1", "\r\n"}, {",1", "\r"}, {",\"a", "\nb\",1\n"},
        {",\"a", "\r\nb\",1\n"}, {",\"a", "\rb\",1\r\n"}}) {
      StringBuilder text = new StringBuilder("id,name,score\n");
      int row = 0;
      while (text.length() < edge - 100) {
        text.append(row++).append(",plain,").append(row % 97).append('\n');
      }
      String id = String.valueOf(row++);
      int pad = edge - text.length() - id.length() - 1 - shape[0].length();
      text.append(id).append(',').append("x".repeat(pad)).append(shape[0]);
      assertEquals(edge, text.length(), "the break starts on the last byte of the first read");
      text.append(shape[1]);
      for (int i = 0; text.length() < 3 << 20; i++) {
        text.append(row++).append(",tail,").append(i % 1000).append('\n');
      }
      byte[] csv = text.toString().getBytes(StandardCharsets.ISO_8859_1);
      Map<Long, Long> boundaries = recordBoundaries(csv);
      for (long partBytes : new long[] {1 << 10, edge - 2, edge, edge + 1}) {
        List<CsvRange> parts = cut(csv, partBytes);
        assertTrue(parts.size() > 1);
        for (CsvRange part : parts) {
          assertEquals(boundaries.get(part.startOffset()), part.startLine(),
              "break " + shape[1].replace("\n", "\\n").replace("\r", "\\r") + ": " + part);
        }
      }
    }
  }

  @Test
  void bigPlainFilesAreCutAndCompressedOnesAreOnePart() throws IOException {
    StringBuilder text = new StringBuilder("id,name,score\n");
    for (int i = 0; text.length() < 9 << 20; i++) {
      text.append(i).append(",name ").append(i % 1000).append(',').append(i % 77).append('\n');
    }
    Path plain = Files.writeString(tmp.resolve("big.csv"), text);
    Path gz = tmp.resolve("big.csv.gz");
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
      out.write(text.toString().getBytes(StandardCharsets.ISO_8859_1));
    }
    CsvInput input = new CsvInput(List.of(), HEADER, ',', new TreeMap<>(Map.of("id", FeatureType.INT,
        "name", FeatureType.BYTES, "score", FeatureType.INT)), Set.of(), 1024);
    List<CsvFilePart> parts = input.partsOf(new InputFile("", plain.toString(), Files.size(plain), 0));
    assertEquals(2, parts.size(), "9 MB: parts of at least 4 MB");
    assertEquals(Files.size(plain), parts.get(1).endOffset());
    long rows = 0;
    for (CsvFilePart part : parts) {
      try (CsvPartReader reader = part.open()) {
        while (reader.next()) {
          rows += reader.batch().rowCount();
          assertTrue(reader.rejects().isEmpty());
        }
      }
    }
    assertEquals(text.chars().filter(c -> c == '\n').count() - 1, rows);
    List<CsvFilePart> compressed = input.partsOf(new InputFile("", gz.toString(), Files.size(gz), 0));
    assertEquals(1, compressed.size());
    assertEquals(Long.MAX_VALUE, compressed.get(0).endOffset());
  }

  @Test
  void aBoundaryExactlyAtTheTargetEndsThePart() throws IOException {
    byte[] csv = ("abcdefg\n" + "0123456\n".repeat(7)).getBytes(StandardCharsets.ISO_8859_1);
    // the boundary at 16 is the first at or after 0 + 16, after the header and a row
    assertEquals(16, cut(csv, 16).get(0).endOffset());
  }

  @Test
  void everyPartEndsAtTheFirstBoundaryAtOrAfterItsTargetWhereverTheWordsFall() throws IOException {
    // plain rows of every length: the scan skips them eight bytes at a time up to just before each
    // target, so every target offset modulo 8 is tried against a boundary found byte by byte
    Random random = new Random(3);
    StringBuilder text = new StringBuilder("id,name\n");
    while (text.length() < 20_000) {
      text.append(random.nextInt(1000)).append(',').append("y".repeat(random.nextInt(60))).append('\n');
    }
    byte[] csv = text.toString().getBytes(StandardCharsets.ISO_8859_1);
    TreeSet<Long> boundaries = new TreeSet<>(recordBoundaries(csv).keySet());
    for (long partBytes = 9; partBytes <= 300; partBytes++) {
      long start = 0;
      for (CsvRange part : cut(csv, partBytes)) {
        assertEquals(start, part.startOffset());
        Long first = boundaries.ceiling(start + partBytes);
        long expected = csv.length - start < 2 * partBytes || first == null || csv.length - first < partBytes / 2
            ? csv.length : first;
        assertEquals(expected, part.endOffset(), "part from " + start + ", part bytes " + partBytes);
        start = part.endOffset();
      }
      assertEquals(csv.length, start);
    }
  }

  @Test
  void partsFoundAllAtOnceOrOneScanAtATimeAgree() throws IOException {
    // the pipeline scans each part afresh from its start (so its 8-byte words fall elsewhere)
    Random random = new Random(1);
    StringBuilder text = new StringBuilder("id,name\n");
    while (text.length() < 3 << 20) {
      text.append(random.nextInt(100_000)).append(',').append("x".repeat(random.nextInt(12))).append('\n');
    }
    byte[] csv = text.toString().getBytes(StandardCharsets.ISO_8859_1);
    for (long partBytes : new long[] {200_002, 199_999, 1 << 18}) {
      List<CsvRange> oneAtATime = new ArrayList<>();
      long start = 0;
      long line = 1;
      while (start < csv.length) {
        CsvFileCutter.Scan scan = new CsvFileCutter(',', '"').scan(
            new ByteArrayInputStream(csv, (int) start, csv.length - (int) start), start, line, csv.length);
        CsvRange part = scan.nextPart(partBytes);
        oneAtATime.add(part);
        start = part.endOffset();
        line = scan.nextLine();
      }
      assertEquals(cut(csv, partBytes), oneAtATime, "part bytes " + partBytes);
    }
  }

  @Test
  void blankLinesAfterTheHeaderDoNotLeaveTheFirstPartWithoutRows() throws IOException {
    byte[] csv = ("id,name,score\n" + "\n".repeat(40) + "1,a,2\n2,b,3\n3,c,4\n4,d,5\n5,e,6\n6,f,7\n7,g,8\n")
        .getBytes(StandardCharsets.ISO_8859_1);
    Path file = Files.write(tmp.resolve("blank.csv"), csv);
    InputFile input = new InputFile("", file.toString(), csv.length, 0);
    List<String> whole = read(input, List.of(new CsvRange(0, 1, csv.length)));
    assertEquals(7, whole.size());
    List<CsvRange> parts = cut(csv, 16);
    assertTrue(parts.size() > 1);
    assertEquals(whole, read(input, parts));
  }

  /** Parts the pipeline found, gathered in this JVM (the DirectRunner runs here). */
  private static final Queue<CsvFilePart> FOUND = new ConcurrentLinkedQueue<>();

  private static final class CollectPartsFn extends DoFn<CsvFilePart, Void> {
    @ProcessElement
    public void process(@Element CsvFilePart part) {
      FOUND.add(part);
    }
  }

  @Test
  void thePipelineFindsTheSamePartsOneAtATime() throws IOException {
    Path dir = tmp.resolve("in");
    Files.createDirectories(dir);
    StringBuilder text = new StringBuilder("id,name,score\n");
    for (int i = 0; text.length() < 13 << 20; i++) {
      text.append(i).append(",\"name\n").append(i % 1000).append("\",").append(i % 77).append("\r\n");
    }
    Path plain = Files.writeString(dir.resolve("big.csv"), text);
    Path small = Files.writeString(dir.resolve("small.csv"), "id,name,score\n1,a,2\n");
    CsvInput input = CsvExamples.read(dir.resolve("*.csv").toString()).resolve();
    assertEquals(HEADER, input.columns());
    assertEquals(FeatureType.INT, input.featureTypesUsed().get("score"));

    Pipeline p = Pipeline.create(PipelineOptionsFactory.create());
    p.apply(input.parts()).apply(ParDo.of(new CollectPartsFn()));
    FOUND.clear();
    p.run().waitUntilFinish();

    Set<CsvFilePart> expected = new HashSet<>(input.partsOf(
        new InputFile("", plain.toString(), Files.size(plain), Files.getLastModifiedTime(plain).toMillis())));
    assertEquals(3, expected.size(), "13 MB: three parts of at least 4 MB");
    expected.addAll(input.partsOf(
        new InputFile("", small.toString(), Files.size(small), Files.getLastModifiedTime(small).toMillis())));
    assertEquals(expected, new HashSet<>(FOUND));
    assertEquals(4, FOUND.size());
  }

  /** Rows with quoted commas, quoted line breaks of every kind, escaped and stray quotes, blank lines, bad rows. */
  static byte[] tricky(Random random, int rows) {
    StringBuilder text = new StringBuilder("id,name,score\n");
    String[] names = {"plain", "\"quoted, comma\"", "\"two\nlines\"", "\"crlf\r\ninside\"", "\"cr\rinside\"",
        "\"\"\"escaped\"\"\"", "x\"y", "", "\"\"", "caf\u00e9"};
    String[] breaks = {"\n", "\r\n", "\r"};
    for (int i = 0; i < rows; i++) {
      int shape = random.nextInt(20);
      if (shape == 0) {
        text.append(i).append(",too,many,fields");
      } else if (shape == 1) {
        text.append(""); // a blank line
      } else if (shape == 2) {
        text.append(i).append(",\"bad\"quote,1");
      } else {
        text.append(i).append(',').append(names[random.nextInt(names.length)]).append(',').append(random.nextInt(100));
      }
      text.append(breaks[random.nextInt(breaks.length)]);
    }
    text.append(rows).append(",last,1"); // no final line break
    return text.toString().getBytes(StandardCharsets.ISO_8859_1);
  }

  /** Every record boundary the splitter reports (the offset after a record) with its line. */
  static Map<Long, Long> recordBoundaries(byte[] csv) throws IOException {
    Map<Long, Long> boundaries = new TreeMap<>();
    boundaries.put(0L, 1L);
    CsvRecordSplitter splitter = new CsvRecordSplitter(new ByteArrayInputStream(csv), ',', '"');
    while (splitter.advance()) {
      boundaries.put(splitter.offset(), splitter.line());
    }
    return boundaries;
  }

  static List<CsvRange> cut(byte[] csv, long partBytes) throws IOException {
    return new CsvFileCutter(',', '"').cut(new ByteArrayInputStream(csv), csv.length, partBytes);
  }

  /** The rows and rejects of the parts by line (a chunk lists its rejects before its rows). */
  static List<String> read(InputFile file, List<CsvRange> parts) throws IOException {
    Map<Long, String> out = new TreeMap<>();
    for (CsvRange part : parts) {
      try (CsvPartReader reader = new CsvPartReader(file, part, HEADER, ',', 7)) {
        while (reader.next()) {
          for (Reject r : reader.rejects()) {
            out.put(r.line(), "reject " + r.line() + " " + r.reason() + " [" + r.raw() + "]");
          }
          CsvBatch b = reader.batch();
          for (int r = 0; b != null && r < b.rowCount(); r++) {
            String[] row = new String[b.columnCount()];
            for (int c = 0; c < row.length; c++) {
              row[c] = b.value(c, r);
            }
            out.put(b.line(r), "row " + b.line(r) + " " + Arrays.toString(row));
          }
        }
      }
    }
    return new ArrayList<>(out.values());
  }
}
