package io.beamline.io.csv;

import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * A decompressed stream whose early end names the file. Java's and Beam's decompressors throw an
 * {@link EOFException} with no message (or "Unexpected end of ZLIB input stream") when a compressed
 * file is cut short, which reached users as "Cannot read CSV file ...: null"; here it becomes
 * "{@code <file>: unexpected end of gzip stream ...}", with how far the read got.
 */
final class EndOfStreamNamed extends FilterInputStream {
  /** The early end of a compressed file, its message starting with the file's path. */
  static final class Truncated extends EOFException {
    Truncated(String message, Throwable cause) {
      super(message);
      initCause(cause);
    }
  }

  private final String path;
  private final String compression;
  private long read;

  EndOfStreamNamed(InputStream in, String path, String compression) {
    super(in);
    this.path = path;
    this.compression = compression;
  }

  @Override
  public int read() throws IOException {
    try {
      int b = in.read();
      if (b >= 0) {
        read++;
      }
      return b;
    } catch (EOFException e) {
      throw truncated(e);
    }
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    try {
      int n = in.read(b, off, len);
      if (n > 0) {
        read += n;
      }
      return n;
    } catch (EOFException e) {
      throw truncated(e);
    }
  }

  private Truncated truncated(EOFException e) {
    return new Truncated(path + ": unexpected end of " + compression + " stream: the file is truncated"
        + " (it ended after " + read + " decompressed bytes)", e);
  }

  /** The message for a failed read of {@code path}: the named early end as it is, else prefixed. */
  static String describe(String path, IOException e) {
    if (e instanceof Truncated) {
      return e.getMessage();
    }
    return path + ": " + (e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName());
  }
}
