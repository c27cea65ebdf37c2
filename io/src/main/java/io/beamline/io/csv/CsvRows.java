package io.beamline.io.csv;

import io.beamline.io.files.InputFile;

import io.beamline.core.InvalidInputException;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import org.apache.beam.sdk.io.Compression;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Opens CSV files and parses their records with commons-csv (RFC 4180 quoting, configurable
 * delimiter).
 *
 * <p>Bytes are decoded as ISO-8859-1, which maps every byte to one char: numbers parse as usual,
 * and {@code text.getBytes(ISO_8859_1)} gives back the exact original bytes of a string field, so
 * non-UTF-8 data survives as bytes. Header names alone are decoded as UTF-8 (a leading UTF-8 byte
 * order mark is dropped).
 */
final class CsvRows {
  private final CSVFormat format;
  private final char delimiter;

  CsvRows(char delimiter) {
    this.format = CSVFormat.RFC4180.builder().setDelimiter(delimiter).get();
    this.delimiter = delimiter;
  }

  /** A parsed record: its values, or why it could not be parsed. */
  record Parsed(String[] values, String error) {}

  Parsed parse(CsvRecordSplitter.Chunk chunk) {
    if (chunk.unterminated()) {
      return new Parsed(null, "quoted field opened but never closed before the end of the file");
    }
    if (!chunk.quoted()) {
      return new Parsed(splitPlain(chunk.text()), null);
    }
    try (CSVParser parser = CSVParser.parse(chunk.text(), format)) {
      Iterator<CSVRecord> it = parser.iterator();
      CSVRecord record = it.next();
      if (it.hasNext()) {
        return new Parsed(null, "more than one record on one line");
      }
      return new Parsed(record.values(), null);
    } catch (IOException | UncheckedIOException | IllegalStateException e) {
      String msg = e instanceof UncheckedIOException u && u.getCause() != null
          ? u.getCause().getMessage() : e.getMessage();
      return new Parsed(null, "broken quoting: " + msg);
    }
  }

  /**
   * The fields of a record without any quote character: under RFC 4180 they are exactly the text
   * between delimiters. Cut by hand because building a commons-csv parser per record costs more than
   * the whole rest of the row's work; records with quotes still go to commons-csv.
   */
  private String[] splitPlain(String text) {
    int n = 1;
    for (int i = text.indexOf(delimiter); i >= 0; i = text.indexOf(delimiter, i + 1)) {
      n++;
    }
    String[] values = new String[n];
    int from = 0;
    for (int k = 0; k < n - 1; k++) {
      int to = text.indexOf(delimiter, from);
      values[k] = text.substring(from, to);
      from = to + 1;
    }
    values[n - 1] = text.substring(from);
    return values;
  }

  /** Opens a (possibly gzip'd, by extension) CSV file as bytes, each one ISO-8859-1 char. */
  static InputStream open(String path) throws IOException {
    return open(path, 0);
  }

  /**
   * Opens a CSV file positioned {@code offset} bytes (= chars: ISO-8859-1) into its content: a seek
   * for a plain file, a skip over the decompressed stream for a compressed one.
   */
  static InputStream open(String path, long offset) throws IOException {
    ReadableByteChannel channel = FileSystems.open(FileSystems.matchNewResource(path, false));
    Compression compression = Compression.detect(path);
    boolean seeked = false;
    if (offset > 0 && compression == Compression.UNCOMPRESSED
        && channel instanceof SeekableByteChannel seekable) {
      seekable.position(offset);
      seeked = true;
    }
    InputStream decompressed = Channels.newInputStream(compression.readDecompressed(channel));
    if (compression != Compression.UNCOMPRESSED) {
      decompressed = new EndOfStreamNamed(decompressed, path, compression.name().toLowerCase());
    }
    InputStream in = new BufferedInputStream(decompressed, 1 << 16);
    if (offset > 0 && !seeked) {
      in.skipNBytes(offset);
    }
    return in;
  }

  /** Reads and checks the header row of {@code file}: present, parseable, unique non-empty names. */
  List<String> header(InputFile file, char delimiter) {
    try (InputStream reader = open(file.path())) {
      CsvRecordSplitter.Chunk first = new CsvRecordSplitter(reader, delimiter, '"').next();
      if (first == null || first.text().isEmpty()) {
        throw new InvalidInputException("CSV file " + file.path()
            + " is empty: expected a header row naming the columns on line 1");
      }
      Parsed parsed = parse(first);
      if (parsed.error() != null) {
        throw new InvalidInputException("CSV file " + file.path() + ", header on line 1: "
            + parsed.error());
      }
      List<String> names = new ArrayList<>();
      Set<String> seen = new HashSet<>();
      for (int i = 0; i < parsed.values().length; i++) {
        String name = new String(parsed.values()[i].getBytes(StandardCharsets.ISO_8859_1),
            StandardCharsets.UTF_8);
        if (i == 0 && name.startsWith("\uFEFF")) {
          name = name.substring(1);
        }
        if (name.isEmpty()) {
          throw new InvalidInputException("CSV file " + file.path() + ", header on line 1: column "
              + (i + 1) + " has no name");
        }
        if (!seen.add(name)) {
          throw new InvalidInputException("CSV file " + file.path() + ", header on line 1: column '"
              + name + "' appears twice");
        }
        names.add(name);
      }
      return List.copyOf(names);
    } catch (IOException e) {
      throw new InvalidInputException("Cannot read CSV file " + EndOfStreamNamed.describe(file.path(), e), e);
    }
  }
}
