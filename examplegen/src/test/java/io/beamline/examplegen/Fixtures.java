package io.beamline.examplegen;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.CRC32C;
import java.util.zip.GZIPInputStream;
import org.tensorflow.proto.Example;

/** Test data and an independent reader of the TFRecord files ExampleGen writes. */
final class Fixtures {
  private Fixtures() {}

  /** The Chicago taxi sample, relative to the module (Maven runs tests in the module directory). */
  static Path taxiCsv() {
    return Path.of("../examples/data/taxi/data.csv").toAbsolutePath().normalize();
  }

  static Path writeCsv(Path dir, String name, String content) throws IOException {
    Files.createDirectories(dir);
    Path file = dir.resolve(name);
    Files.writeString(file, content, java.nio.charset.StandardCharsets.UTF_8);
    return file;
  }

  /** Every example of one split of an Examples artifact, read file by file with {@link #readTfRecords}. */
  static List<Example> readSplit(Path examples, String split) throws IOException {
    Path dir = examples.resolve("Split-" + split);
    List<Example> out = new ArrayList<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path f : files.filter(p -> p.getFileName().toString().startsWith("data_tfrecord-")).sorted().toList()) {
        for (byte[] payload : readTfRecords(f)) {
          out.add(Example.parseFrom(payload));
        }
      }
    }
    return out;
  }

  /**
   * A minimal TFRecord reader written from the format's definition, independent of Beam: each record
   * is a little-endian uint64 length, the masked CRC32C of those 8 bytes, the payload, and the masked
   * CRC32C of the payload. Files ending in .gz are gunzipped.
   */
  static List<byte[]> readTfRecords(Path file) throws IOException {
    List<byte[]> out = new ArrayList<>();
    InputStream raw = new BufferedInputStream(Files.newInputStream(file));
    try (DataInputStream in = new DataInputStream(
        file.toString().endsWith(".gz") ? new GZIPInputStream(raw) : raw)) {
      while (true) {
        byte[] header = new byte[8];
        int first = in.read();
        if (first < 0) {
          return out;
        }
        header[0] = (byte) first;
        in.readFully(header, 1, 7);
        int lengthCrc = Integer.reverseBytes(in.readInt());
        if (lengthCrc != maskedCrc(header)) {
          throw new IOException(file + ": length CRC mismatch");
        }
        long length = ByteBuffer.wrap(header).order(ByteOrder.LITTLE_ENDIAN).getLong();
        byte[] payload = new byte[Math.toIntExact(length)];
        in.readFully(payload);
        int payloadCrc = Integer.reverseBytes(in.readInt());
        if (payloadCrc != maskedCrc(payload)) {
          throw new IOException(file + ": payload CRC mismatch");
        }
        out.add(payload);
      }
    } catch (EOFException e) {
      throw new IOException(file + ": truncated record", e);
    }
  }

  static int maskedCrc(byte[] data) {
    CRC32C crc = new CRC32C();
    crc.update(data);
    int c = (int) crc.getValue();
    return ((c >>> 15) | (c << 17)) + 0xa282ead8;
  }
}
