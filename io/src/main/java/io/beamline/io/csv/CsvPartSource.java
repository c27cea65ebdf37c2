package io.beamline.io.csv;

import java.io.IOException;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.io.BoundedSource;
import org.apache.beam.sdk.io.Compression;
import org.apache.beam.sdk.options.PipelineOptions;

/**
 * The parts of a CSV input as a bounded source whose splits are the parts, one element each: how
 * the parts reach the workers on a cluster. Flink hands a source's splits to its tasks one at a time
 * as each asks for more (its input split assigner) and Spark makes each split a task that goes to
 * the next free executor, so the parts spread over the workers by how fast each one reads, with no
 * shuffle in between. A shuffle of the parts by a random key (the DirectRunner's way, see
 * {@link CsvInput#parts()}) is a blocking step in both engines' batch mode, so no part was read until
 * the whole file was cut, and 28 parts by random keys fell 11 to 17 on two workers.
 *
 * <p>The files are cut when the runner splits the source (on Flink's JobManager or Spark's driver),
 * one scan of each plain file; a source never split (a runner that reads it whole) yields every
 * part itself.
 */
final class CsvPartSource extends BoundedSource<CsvFilePart> {
  private static final long serialVersionUID = 1L;

  private final CsvInput input;
  private final CsvFilePart part; // null until split

  CsvPartSource(CsvInput input) {
    this(input, null);
  }

  private CsvPartSource(CsvInput input, CsvFilePart part) {
    this.input = input;
    this.part = part;
  }

  /** One source per part, whatever bundle size the runner asks for: the parts are the unit of work. */
  @Override
  public List<CsvPartSource> split(long desiredBundleSizeBytes, PipelineOptions options) throws IOException {
    if (part != null) {
      return List.of(this);
    }
    return input.partsNow().stream().map(p -> new CsvPartSource(input, p)).toList();
  }

  @Override
  public long getEstimatedSizeBytes(PipelineOptions options) {
    if (part == null) {
      return input.files().stream().mapToLong(f -> f.size()).sum();
    }
    boolean plain = Compression.detect(part.path()) == Compression.UNCOMPRESSED;
    return plain ? part.endOffset() - part.startOffset() : part.file().size();
  }

  @Override
  public Coder<CsvFilePart> getOutputCoder() {
    return SerializableCoder.of(CsvFilePart.class);
  }

  @Override
  public BoundedReader<CsvFilePart> createReader(PipelineOptions options) throws IOException {
    return new PartsReader(this, part != null ? List.of(part) : input.partsNow());
  }

  @Override
  public String toString() {
    return part != null ? "CSV part " + part : "CSV parts of " + input.files().size() + " file(s)";
  }

  /** Yields the source's parts: one once split, else every part of the input. */
  private static final class PartsReader extends BoundedReader<CsvFilePart> {
    private final CsvPartSource source;
    private final Iterator<CsvFilePart> parts;
    private CsvFilePart current;

    PartsReader(CsvPartSource source, List<CsvFilePart> parts) {
      this.source = source;
      this.parts = parts.iterator();
    }

    @Override
    public boolean start() {
      return advance();
    }

    @Override
    public boolean advance() {
      current = parts.hasNext() ? parts.next() : null;
      return current != null;
    }

    @Override
    public CsvFilePart getCurrent() {
      if (current == null) {
        throw new NoSuchElementException("no current CSV part");
      }
      return current;
    }

    @Override
    public void close() {}

    @Override
    public CsvPartSource getCurrentSource() {
      return source;
    }
  }
}
