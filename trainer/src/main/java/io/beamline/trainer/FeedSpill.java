package io.beamline.trainer;

import io.beamline.core.BeamlineException;
import io.beamline.core.examples.FeatureType;
import io.beamline.io.examples.CloseableIterator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * A split's batches as {@link FeedArrays}, spilled to a local file by the first epoch and replayed by
 * the later ones. Decoding the examples (gunzip, tf.Example parsing, Arrow, first values) costs more
 * than a training step, and it gives the same arrays every epoch: reading them back as raw
 * little-endian arrays is a bulk copy. Memory stays bounded (one batch at a time); the disk holds
 * about 9 bytes per feature value (values, presence, labels). Batches replay in the order they
 * were written, so an epoch sees exactly what it saw from the examples and training is unchanged.
 *
 * <p>File layout, per batch: {@code int} payload length, then {@code int} rows; per feature its
 * values (INT: rows longs, FLOAT: rows floats, BYTES: rows int lengths then the bytes) and rows
 * presence bytes; then rows float labels.
 */
final class FeedSpill implements AutoCloseable {
  private final Path file;
  private final List<FeatureType> types;
  private FileChannel out;
  private long batches;

  private FeedSpill(Path file, List<FeatureType> types) throws IOException {
    this.file = file;
    this.types = List.copyOf(types);
    this.out = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
        StandardOpenOption.WRITE);
  }

  /** A new, empty spill file at {@code file} for batches of the plan's features. */
  static FeedSpill create(Path file, FeaturePlan plan) {
    try {
      return new FeedSpill(file, plan.features().stream().map(InputFeature::type).toList());
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot create the training feed cache " + file, e);
    }
  }

  /** Appends one batch. */
  void append(FeedArrays batch) {
    int rows = batch.rows();
    int size = Integer.BYTES + rows * Float.BYTES;
    for (int i = 0; i < types.size(); i++) {
      size += rows + switch (types.get(i)) {
        case INT -> rows * Long.BYTES;
        case FLOAT -> rows * Float.BYTES;
        case BYTES -> rows * Integer.BYTES + totalLength((byte[][]) batch.values().get(i));
      };
    }
    ByteBuffer buf = ByteBuffer.allocate(Integer.BYTES + size).order(ByteOrder.LITTLE_ENDIAN);
    buf.putInt(size).putInt(rows);
    for (int i = 0; i < types.size(); i++) {
      Object values = batch.values().get(i);
      switch (types.get(i)) {
        case INT -> {
          buf.asLongBuffer().put((long[]) values);
          buf.position(buf.position() + rows * Long.BYTES);
        }
        case FLOAT -> {
          buf.asFloatBuffer().put((float[]) values);
          buf.position(buf.position() + rows * Float.BYTES);
        }
        case BYTES -> {
          byte[][] strings = (byte[][]) values;
          for (byte[] s : strings) {
            buf.putInt(s.length);
          }
          for (byte[] s : strings) {
            buf.put(s);
          }
        }
      }
      for (float present : batch.presents().get(i)) {
        buf.put(present != 0 ? (byte) 1 : (byte) 0);
      }
    }
    buf.asFloatBuffer().put(batch.labels());
    buf.position(buf.position() + rows * Float.BYTES);
    buf.flip();
    try {
      while (buf.hasRemaining()) {
        out.write(buf);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write the training feed cache " + file, e);
    }
    batches++;
  }

  /** Batches appended so far. */
  long batches() {
    return batches;
  }

  /** Ends writing; the batches can then be replayed any number of times. */
  void finish() {
    try {
      if (out != null) {
        out.close();
        out = null;
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write the training feed cache " + file, e);
    }
  }

  /** The batches in the order they were appended (after {@link #finish}). */
  CloseableIterator<FeedArrays> replay() {
    if (out != null) {
      throw new IllegalStateException("The feed cache is still being written");
    }
    try {
      return new Replay(FileChannel.open(file, StandardOpenOption.READ));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the training feed cache " + file, e);
    }
  }

  /** Deletes the file. */
  @Override
  public void close() {
    try {
      finish();
    } finally {
      try {
        Files.deleteIfExists(file);
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot delete the training feed cache " + file, e);
      }
    }
  }

  private static int totalLength(byte[][] strings) {
    int n = 0;
    for (byte[] s : strings) {
      n += s.length;
    }
    return n;
  }

  private final class Replay implements CloseableIterator<FeedArrays> {
    private final FileChannel in;
    private final ByteBuffer header = ByteBuffer.allocate(Integer.BYTES).order(ByteOrder.LITTLE_ENDIAN);
    private FeedArrays next;

    Replay(FileChannel in) {
      this.in = in;
    }

    @Override
    public boolean hasNext() {
      if (next == null) {
        next = read();
      }
      return next != null;
    }

    @Override
    public FeedArrays next() {
      if (!hasNext()) {
        throw new NoSuchElementException("No more cached batches");
      }
      FeedArrays batch = next;
      next = null;
      return batch;
    }

    private FeedArrays read() {
      try {
        header.clear();
        if (!fill(header)) {
          return null;
        }
        ByteBuffer buf = ByteBuffer.allocate(header.flip().getInt()).order(ByteOrder.LITTLE_ENDIAN);
        if (!fill(buf)) {
          throw new BeamlineException("The training feed cache " + file + " ends inside a batch");
        }
        buf.flip();
        int rows = buf.getInt();
        List<Object> values = new ArrayList<>(types.size());
        List<float[]> presents = new ArrayList<>(types.size());
        for (FeatureType type : types) {
          switch (type) {
            case INT -> {
              long[] v = new long[rows];
              buf.asLongBuffer().get(v);
              buf.position(buf.position() + rows * Long.BYTES);
              values.add(v);
            }
            case FLOAT -> {
              float[] v = new float[rows];
              buf.asFloatBuffer().get(v);
              buf.position(buf.position() + rows * Float.BYTES);
              values.add(v);
            }
            case BYTES -> {
              byte[][] v = new byte[rows][];
              for (int r = 0; r < rows; r++) {
                v[r] = new byte[buf.getInt()];
              }
              for (byte[] s : v) {
                buf.get(s);
              }
              values.add(v);
            }
          }
          float[] present = new float[rows];
          for (int r = 0; r < rows; r++) {
            present[r] = buf.get();
          }
          presents.add(present);
        }
        float[] labels = new float[rows];
        buf.asFloatBuffer().get(labels);
        return new FeedArrays(rows, values, presents, labels);
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot read the training feed cache " + file, e);
      }
    }

    /** Reads until {@code buf} is full; false when the file ended before the first byte. */
    private boolean fill(ByteBuffer buf) throws IOException {
      while (buf.hasRemaining()) {
        if (in.read(buf) < 0) {
          if (buf.position() == 0) {
            return false;
          }
          throw new BeamlineException("The training feed cache " + file + " ends inside a batch");
        }
      }
      return true;
    }

    @Override
    public void close() {
      try {
        in.close();
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot close the training feed cache " + file, e);
      }
    }
  }
}
