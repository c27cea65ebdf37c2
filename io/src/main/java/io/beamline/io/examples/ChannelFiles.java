package io.beamline.io.examples;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SeekableByteChannel;
import java.nio.channels.WritableByteChannel;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.MatchResult;
import org.apache.beam.sdk.io.fs.ResourceId;
import org.apache.parquet.io.DelegatingSeekableInputStream;
import org.apache.parquet.io.InputFile;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.io.PositionOutputStream;
import org.apache.parquet.io.SeekableInputStream;

/**
 * Parquet's file abstractions over Beam channels, so Parquet payloads live on any Beam file system
 * (local, gs://, s3://) without Hadoop's. Small enough to write here; Beam's own equivalents are
 * private to ParquetIO.
 */
final class ChannelFiles {
  private ChannelFiles() {}

  /** A Parquet input over one file found by {@code FileSystems.match}. */
  static InputFile input(MatchResult.Metadata file) {
    return new InputFile() {
      @Override
      public long getLength() {
        return file.sizeBytes();
      }

      @Override
      public SeekableInputStream newStream() throws IOException {
        ResourceId id = file.resourceId();
        if (!(FileSystems.open(id) instanceof SeekableByteChannel channel)) {
          throw new IOException("File system of " + id + " cannot seek; Parquet needs random access");
        }
        InputStream in = Channels.newInputStream(channel);
        return new DelegatingSeekableInputStream(in) {
          @Override
          public long getPos() throws IOException {
            return channel.position();
          }

          @Override
          public void seek(long newPos) throws IOException {
            channel.position(newPos);
          }
        };
      }
    };
  }

  /**
   * A Parquet output onto an open channel (e.g. the one {@code FileIO.Sink.open} is given). Closing
   * the Parquet writer flushes but leaves the channel open: whoever opened it closes it.
   */
  static OutputFile output(WritableByteChannel channel) {
    return new OutputFile() {
      @Override
      public PositionOutputStream create(long blockSizeHint) {
        return stream();
      }

      @Override
      public PositionOutputStream createOrOverwrite(long blockSizeHint) {
        return stream();
      }

      @Override
      public boolean supportsBlockSize() {
        return false;
      }

      @Override
      public long defaultBlockSize() {
        return 0;
      }

      private PositionOutputStream stream() {
        return new ChannelOutputStream(channel);
      }
    };
  }

  /** Writes through to the channel, counting bytes; close() does not close it. */
  private static final class ChannelOutputStream extends PositionOutputStream {
    private final WritableByteChannel channel;
    private long position;

    ChannelOutputStream(WritableByteChannel channel) {
      this.channel = channel;
    }

    @Override
    public void write(int b) throws IOException {
      write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      ByteBuffer buffer = ByteBuffer.wrap(b, off, len);
      while (buffer.hasRemaining()) {
        channel.write(buffer);
      }
      position += len;
    }

    @Override
    public long getPos() {
      return position;
    }

    @Override
    public void close() {
      // The channel belongs to whoever opened it.
    }
  }
}
