package io.beamline.io.examples;

import com.google.protobuf.CodedOutputStream;
import io.beamline.core.InvalidInputException;
import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.Channels;
import java.nio.channels.ReadableByteChannel;
import java.util.NoSuchElementException;
import java.util.zip.CRC32C;
import java.util.zip.GZIPInputStream;
import org.tensorflow.proto.Example;

/**
 * Plain TFRecord files, the framing TensorFlow uses: each record is its length (uint64, little
 * endian), the masked CRC32C of those 8 bytes, the payload, and the masked CRC32C of the payload.
 * Both checksums are verified on read. Gzip input is recognised by its magic bytes, so {@code .gz}
 * and plain files read the same way.
 *
 * <p>Written here rather than taken from Beam because Beam's TFRecord codec is internal to
 * {@code TFRecordIO}; library users (and {@link Examples}) need a reader with no pipeline.
 *
 * <pre>{@code
 * try (CloseableIterator<byte[]> records = TFRecords.read(in, "train.tfrecord.gz")) {
 *   while (records.hasNext()) { Example.parseFrom(records.next()); }
 * }
 * }</pre>
 */
public final class TFRecords {
  private static final int MASK_DELTA = 0xa282ead8;
  private static final int GZIP_MAGIC = 0x8b1f;
  private static final int BUFFER = 1 << 16;

  private TFRecords() {}

  /**
   * Iterates the records of one TFRecord stream, plain or gzip'd. Closing the iterator closes
   * {@code in}.
   *
   * @param source the file name used in error messages
   * @throws InvalidInputException on a checksum mismatch or a truncated record (from {@code next})
   */
  public static CloseableIterator<byte[]> read(InputStream in, String source) {
    try {
      BufferedInputStream buffered = new BufferedInputStream(in, BUFFER);
      buffered.mark(2);
      int b0 = buffered.read();
      int b1 = buffered.read();
      buffered.reset();
      boolean gzip = b0 >= 0 && b1 >= 0 && ((b1 << 8) | b0) == GZIP_MAGIC;
      InputStream body = gzip ? new BufferedInputStream(new GZIPInputStream(buffered, BUFFER), BUFFER) : buffered;
      return new RecordIterator(body, source);
    } catch (IOException e) {
      closeQuietly(in);
      throw new InvalidInputException("Cannot read TFRecord file " + source + ": " + e.getMessage(), e);
    }
  }

  /** As {@link #read(InputStream, String)}, over a channel (e.g. Beam's {@code FileSystems.open}). */
  public static CloseableIterator<byte[]> read(ReadableByteChannel channel, String source) {
    return read(Channels.newInputStream(channel), source);
  }

  /** Appends one framed record to {@code out} (not compressed: wrap {@code out} to gzip). */
  public static void write(OutputStream out, byte[] record) throws IOException {
    ByteBuffer header = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN);
    header.putLong(record.length);
    header.putInt(maskedCrc32c(header.array(), 0, 8));
    out.write(header.array());
    out.write(record);
    ByteBuffer footer = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN);
    footer.putInt(maskedCrc32c(record, 0, record.length));
    out.write(footer.array());
  }

  /**
   * Frames serialized tf.Examples into one stream, reusing one buffer and one checksum: the write
   * path of {@link ExamplesIO} calls it per example, where a fresh array per record (serialized
   * bytes, header, footer) was a measurable share of the time. Each record goes to {@code out} in a
   * single {@code write} call, so a buffered stream in front of gzip sees few, large writes.
   */
  static final class RecordWriter {
    private final CRC32C crc = new CRC32C();
    private byte[] buffer = new byte[1 << 12];
    private ByteBuffer view = ByteBuffer.wrap(buffer).order(ByteOrder.LITTLE_ENDIAN);

    /** Writes {@code example}'s deterministic serialization (as {@link ExampleCoder}) as one record. */
    void write(OutputStream out, Example example) throws IOException {
      int length = example.getSerializedSize();
      int total = length + 16;
      if (buffer.length < total) {
        buffer = new byte[Math.max(total, buffer.length * 2)];
        view = ByteBuffer.wrap(buffer).order(ByteOrder.LITTLE_ENDIAN);
      }
      view.putLong(0, length);
      view.putInt(8, masked(buffer, 0, 8));
      CodedOutputStream coded =
          CodedOutputStream.newInstance(buffer, 12, length);
      coded.useDeterministicSerialization();
      example.writeTo(coded);
      coded.checkNoSpaceLeft();
      view.putInt(12 + length, masked(buffer, 12, length));
      out.write(buffer, 0, total);
    }

    /** Writes already serialized bytes as one record, framed as above. */
    void write(OutputStream out, byte[] record) throws IOException {
      int total = record.length + 16;
      if (buffer.length < total) {
        buffer = new byte[Math.max(total, buffer.length * 2)];
        view = ByteBuffer.wrap(buffer).order(ByteOrder.LITTLE_ENDIAN);
      }
      view.putLong(0, record.length);
      view.putInt(8, masked(buffer, 0, 8));
      System.arraycopy(record, 0, buffer, 12, record.length);
      view.putInt(12 + record.length, masked(buffer, 12, record.length));
      out.write(buffer, 0, total);
    }

    private int masked(byte[] bytes, int offset, int length) {
      crc.reset();
      crc.update(bytes, offset, length);
      return mask((int) crc.getValue());
    }
  }

  /** CRC32C rotated and offset as TensorFlow stores it, so data that contains CRCs checks well. */
  static int maskedCrc32c(byte[] bytes, int offset, int length) {
    CRC32C crc = new CRC32C();
    crc.update(bytes, offset, length);
    return mask((int) crc.getValue());
  }

  private static int mask(int c) {
    return ((c >>> 15) | (c << 17)) + MASK_DELTA;
  }

  private static void closeQuietly(InputStream in) {
    try {
      in.close();
    } catch (IOException ignored) {
      // The read already failed; that error is the one to report.
    }
  }

  /** Reads one record ahead so {@code hasNext} can answer without losing a truncation error. */
  private static final class RecordIterator implements CloseableIterator<byte[]> {
    private final InputStream in;
    private final String source;
    private final byte[] header = new byte[12];
    private final byte[] footer = new byte[4];
    private long index;
    private byte[] next;
    private boolean done;

    RecordIterator(InputStream in, String source) {
      this.in = in;
      this.source = source;
    }

    @Override
    public boolean hasNext() {
      if (next == null && !done) {
        next = readRecord();
        done = next == null;
      }
      return next != null;
    }

    @Override
    public byte[] next() {
      if (!hasNext()) {
        throw new NoSuchElementException("No more records in " + source);
      }
      byte[] record = next;
      next = null;
      index++;
      return record;
    }

    private byte[] readRecord() {
      try {
        int first = in.readNBytes(header, 0, header.length);
        if (first == 0) {
          return null;
        }
        if (first < header.length) {
          throw corrupt("truncated record header: expected 12 bytes, got " + first);
        }
        ByteBuffer h = ByteBuffer.wrap(header).order(ByteOrder.LITTLE_ENDIAN);
        long length = h.getLong(0);
        check("length", h.getInt(8), maskedCrc32c(header, 0, 8));
        if (length < 0 || length > Integer.MAX_VALUE - 16) {
          throw corrupt("record length " + Long.toUnsignedString(length) + " is larger than 2 GiB");
        }
        byte[] data = in.readNBytes((int) length);
        if (data.length < length) {
          throw corrupt("truncated record: expected " + length + " payload bytes, got " + data.length);
        }
        int got = in.readNBytes(footer, 0, 4);
        if (got < 4) {
          throw corrupt("truncated record: expected 4 checksum bytes after the payload, got " + got);
        }
        check("data", ByteBuffer.wrap(footer).order(ByteOrder.LITTLE_ENDIAN).getInt(0),
            maskedCrc32c(data, 0, data.length));
        return data;
      } catch (EOFException e) {
        throw corrupt("truncated gzip stream: " + e.getMessage());
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot read TFRecord file " + source + " at record " + index, e);
      }
    }

    private void check(String what, int stored, int computed) {
      if (stored != computed) {
        throw corrupt(String.format(
            "%s checksum mismatch: expected masked crc32c 0x%08x (stored), got 0x%08x (computed)",
            what, stored, computed));
      }
    }

    private InvalidInputException corrupt(String detail) {
      return new InvalidInputException("Corrupt TFRecord file " + source + ", record " + index + ": " + detail);
    }

    @Override
    public void close() {
      try {
        in.close();
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot close TFRecord file " + source, e);
      }
    }
  }
}
