package io.beamline.io.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.beamline.core.InvalidInputException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.tensorflow.proto.Example;

class TFRecordsTest {
  private static byte[] records(byte[]... payloads) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] p : payloads) {
      TFRecords.write(out, p);
    }
    return out.toByteArray();
  }

  private static List<byte[]> readAll(byte[] file, String name) {
    List<byte[]> out = new ArrayList<>();
    try (CloseableIterator<byte[]> it = TFRecords.read(new ByteArrayInputStream(file), name)) {
      it.forEachRemaining(out::add);
    }
    return out;
  }

  @Test
  void readsPlainAndGzipWithTheSameCall() throws IOException {
    byte[] plain = records("one".getBytes(StandardCharsets.UTF_8), new byte[0], ExampleFixtures.NOT_UTF8);
    ByteArrayOutputStream gz = new ByteArrayOutputStream();
    try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
      out.write(plain);
    }
    for (byte[] file : List.of(plain, gz.toByteArray())) {
      List<byte[]> read = readAll(file, "f");
      assertEquals(3, read.size());
      assertArrayEquals("one".getBytes(StandardCharsets.UTF_8), read.get(0));
      assertArrayEquals(new byte[0], read.get(1));
      assertArrayEquals(ExampleFixtures.NOT_UTF8, read.get(2));
    }
  }

  @Test
  void emptyStreamHasNoRecords() {
    assertFalse(TFRecords.read(new ByteArrayInputStream(new byte[0]), "empty").hasNext());
  }

  @Test
  void corruptPayloadNamesFileRecordAndChecksums() throws IOException {
    byte[] file = records("first".getBytes(StandardCharsets.UTF_8), "second".getBytes(StandardCharsets.UTF_8));
    file[file.length - 6] ^= 0x01; // inside the second payload
    CloseableIterator<byte[]> it = TFRecords.read(new ByteArrayInputStream(file), "train.tfrecord");
    assertArrayEquals("first".getBytes(StandardCharsets.UTF_8), it.next());
    InvalidInputException e = assertThrows(InvalidInputException.class, it::next);
    assertTrue(e.getMessage().startsWith(
        "Corrupt TFRecord file train.tfrecord, record 1: data checksum mismatch: expected masked crc32c 0x"),
        e.getMessage());
    assertTrue(e.getMessage().contains(", got 0x"), e.getMessage());
  }

  @Test
  void corruptLengthIsCaughtBeforeAllocating() throws IOException {
    byte[] file = records("x".getBytes(StandardCharsets.UTF_8));
    file[7] = 0x7f; // length now absurd; its checksum no longer matches
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> readAll(file, "a.tfrecord"));
    assertTrue(e.getMessage().contains("record 0: length checksum mismatch"), e.getMessage());
  }

  @Test
  void truncatedRecordIsAnError() throws IOException {
    byte[] file = records("payload".getBytes(StandardCharsets.UTF_8));
    byte[] cut = java.util.Arrays.copyOf(file, file.length - 3);
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> readAll(cut, "cut.tfrecord"));
    assertEquals("Corrupt TFRecord file cut.tfrecord, record 0: truncated record: expected 4 checksum bytes "
        + "after the payload, got 1", e.getMessage());
  }

  /** The reusing writer frames exactly as {@code write(out, serialize(e))}, across buffer growth. */
  @Test
  void recordWriterMatchesPlainFramingAcrossBufferGrowth() throws IOException {
    List<Example> examples = new ArrayList<>(ExampleFixtures.mixed());
    byte[] big = new byte[20_000];
    for (int i = 0; i < big.length; i++) {
      big[i] = (byte) (i * 31);
    }
    examples.add(ExampleFixtures.example(Map.of("blob", ExampleFixtures.bytes(big))));
    examples.addAll(ExampleFixtures.numbered(3));
    ByteArrayOutputStream plain = new ByteArrayOutputStream();
    ByteArrayOutputStream reused = new ByteArrayOutputStream();
    TFRecords.RecordWriter writer = new TFRecords.RecordWriter();
    for (Example e : examples) {
      TFRecords.write(plain, ExampleCoder.serialize(e));
      writer.write(reused, e);
    }
    assertArrayEquals(plain.toByteArray(), reused.toByteArray());
    List<byte[]> back = readAll(reused.toByteArray(), "reused");
    assertEquals(examples.size(), back.size());
    assertEquals(examples.get(5), Example.parseFrom(back.get(5)));
  }
}
