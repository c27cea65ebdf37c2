package io.beamline.io.records;

import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.util.Arrays;

/**
 * The framing of an Avro object container file, walked without decoding a record: a header (magic,
 * metadata, 16-byte sync marker), then blocks of (record count, byte size, bytes, sync marker).
 *
 * <p>Why: Avro's {@code DataFileStream} treats an end of file anywhere, even inside a block or its
 * sync marker, as the end of the data, so a truncated file reads as a complete one with fewer
 * records. The reader therefore checks that the stream it consumed ends with the header's sync
 * marker (every complete file does), and only when that check or Avro itself fails walks the
 * framing here to say where the file goes wrong. The walk seeks over block bodies, so it costs a
 * few bytes per block. Avro's header holds no record count: a file cut exactly between two blocks
 * is a valid shorter file, and no reader can tell.
 */
final class AvroFraming {
  static final int SYNC_SIZE = 16;
  private static final byte[] MAGIC = {'O', 'b', 'j', 1};

  private AvroFraming() {}

  /** The header's sync marker, read from the channel's start; the channel is left at position 0. */
  static byte[] sync(SeekableByteChannel channel) throws IOException {
    Cursor in = new Cursor(channel);
    try {
      return header(in);
    } finally {
      channel.position(0);
    }
  }

  /**
   * What is wrong with the file's framing, as the tail of a message ("truncated: ..." or "corrupt:
   * ..."), or null when the framing is sound (or the file is no Avro container: Avro's own error
   * says that better).
   */
  static String problem(SeekableByteChannel channel) throws IOException {
    long size = channel.size();
    Cursor in = new Cursor(channel);
    byte[] sync;
    try {
      sync = header(in);
    } catch (EOFException e) {
      return "truncated: the file ends at byte " + size + " inside its header (magic, metadata and sync"
          + " marker)";
    }
    if (sync == null) {
      return null;
    }
    long records = 0;
    long blocks = 0;
    while (in.pos < size) {
      long start = in.pos;
      String sofar = "after " + records + (records == 1 ? " record" : " records") + " in " + blocks
          + (blocks == 1 ? " complete block" : " complete blocks") + " (up to byte " + start + "), ";
      long count;
      long bytes;
      try {
        count = in.readLong();
        bytes = in.readLong();
      } catch (EOFException e) {
        return "truncated: " + sofar + "the block after them is cut short: the file ends at byte " + size
            + " inside the block's record count and size";
      }
      if (count < 0 || bytes < 0) {
        return "corrupt: " + sofar + "the bytes after them are not a block: they declare " + count
            + " records in " + bytes + " bytes";
      }
      long end = in.pos + bytes + SYNC_SIZE;
      if (end > size) {
        return "truncated: " + sofar + "the block after them is cut short: it declares " + count
            + " records in " + bytes + " bytes, which with its " + SYNC_SIZE + "-byte sync marker end at byte "
            + end + ", but the file ends at byte " + size;
      }
      in.seek(in.pos + bytes);
      if (!Arrays.equals(in.readFixed(SYNC_SIZE), sync)) {
        return "corrupt: " + sofar + "the block after them (" + count + " records in " + bytes
            + " bytes) is followed by 16 bytes that are not the file's sync marker";
      }
      records += count;
      blocks++;
    }
    return null;
  }

  /** Reads the header; returns its sync marker, or null when the file does not start with Avro's magic. */
  private static byte[] header(Cursor in) throws IOException {
    if (!Arrays.equals(in.readFixed(MAGIC.length), MAGIC)) {
      return null;
    }
    // the metadata map: blocks of entries (a negative count is followed by the block's byte size)
    for (long n = in.readLong(); n != 0; n = in.readLong()) {
      if (n < 0) {
        n = -n;
        in.readLong();
      }
      for (long i = 0; i < n; i++) {
        in.skipBytes(); // key
        in.skipBytes(); // value
      }
    }
    return in.readFixed(SYNC_SIZE);
  }

  /** Bytes of a seekable channel with an explicit position, buffered; seeking drops the buffer. */
  private static final class Cursor {
    private final SeekableByteChannel channel;
    private final ByteBuffer buffer = ByteBuffer.allocate(8192).flip();
    long pos;

    Cursor(SeekableByteChannel channel) {
      this.channel = channel;
    }

    void seek(long to) throws IOException {
      if (to < pos || to > channel.size()) {
        throw new EOFException();
      }
      long ahead = to - pos;
      if (ahead <= buffer.remaining()) {
        buffer.position(buffer.position() + (int) ahead);
      } else {
        buffer.clear().flip();
      }
      pos = to;
    }

    /** Skips a length-prefixed string or bytes value. */
    void skipBytes() throws IOException {
      long length = readLong();
      if (length < 0) {
        throw new EOFException();
      }
      seek(pos + length);
    }

    int readByte() throws IOException {
      if (!buffer.hasRemaining()) {
        channel.position(pos);
        buffer.clear();
        int n = channel.read(buffer);
        buffer.flip();
        if (n <= 0) {
          throw new EOFException();
        }
      }
      pos++;
      return buffer.get() & 0xff;
    }

    byte[] readFixed(int n) throws IOException {
      byte[] out = new byte[n];
      for (int i = 0; i < n; i++) {
        out[i] = (byte) readByte();
      }
      return out;
    }

    /** Avro's long: a zig-zag varint of at most 10 bytes. */
    long readLong() throws IOException {
      long raw = 0;
      for (int shift = 0; shift < 64; shift += 7) {
        int b = readByte();
        raw |= (long) (b & 0x7f) << shift;
        if ((b & 0x80) == 0) {
          return (raw >>> 1) ^ -(raw & 1);
        }
      }
      throw new IOException("an Avro long longer than 10 bytes at byte " + pos);
    }
  }

  /** Passes bytes through and keeps the last {@link #SYNC_SIZE} of them. */
  static final class Tail extends FilterInputStream {
    private final byte[] last = new byte[SYNC_SIZE];
    private long total;

    Tail(InputStream in) {
      super(in);
    }

    @Override
    public int read() throws IOException {
      int b = in.read();
      if (b >= 0) {
        keep(new byte[] {(byte) b}, 0, 1);
      }
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = in.read(b, off, len);
      if (n > 0) {
        keep(b, off, n);
      }
      return n;
    }

    @Override
    public long skip(long n) throws IOException {
      // a skip would hide bytes from the tail: read them instead
      byte[] scratch = new byte[(int) Math.min(n, 8192)];
      int read = read(scratch, 0, scratch.length);
      return Math.max(read, 0);
    }

    /** Leaves the channel open: the reader still walks the framing after Avro's stream is closed. */
    @Override
    public void close() {}

    private void keep(byte[] b, int off, int n) {
      if (n >= SYNC_SIZE) {
        System.arraycopy(b, off + n - SYNC_SIZE, last, 0, SYNC_SIZE);
      } else {
        System.arraycopy(last, n, last, 0, SYNC_SIZE - n);
        System.arraycopy(b, off, last, SYNC_SIZE - n, n);
      }
      total += n;
    }

    /** Whether the bytes read so far end with {@code sync}. */
    boolean endsWith(byte[] sync) {
      return total >= SYNC_SIZE && Arrays.equals(last, sync);
    }

    long total() {
      return total;
    }
  }
}
