package io.beamline.io.examples;

import io.beamline.core.component.PropertyNames;
import io.beamline.core.examples.ExamplesLayout;
import io.beamline.core.examples.FeatureType;

import io.beamline.core.InvalidInputException;
import io.beamline.core.component.ArtifactManifest;
import io.beamline.core.component.ArtifactUris;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.TreeSet;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.EmptyMatchTreatment;
import org.apache.beam.sdk.io.fs.MatchResult;
import org.apache.beam.sdk.io.fs.ResourceId;
import org.tensorflow.proto.Example;

/**
 * Reads an Examples artifact with no Beam pipeline: for library users, tests and small data. Any
 * Beam file system URI works (files are listed and opened through {@link FileSystems}).
 *
 * <pre>{@code
 * for (String split : Examples.splits(uri)) {
 *   try (CloseableIterator<Example> it = Examples.read(uri, split)) { ... }
 * }
 * }</pre>
 */
public final class Examples {
  private Examples() {}

  /** The split names present under {@code examplesUri} (directories {@code Split-*} with data), sorted. */
  public static List<String> splits(String examplesUri) {
    String glob = ArtifactUris.child(ArtifactUris.childGlob(examplesUri, ExamplesLayout.SPLIT_PREFIX + "*"), "data_*");
    TreeSet<String> splits = new TreeSet<>();
    for (MatchResult.Metadata file : match(glob)) {
      ResourceId dir = file.resourceId().getCurrentDirectory();
      String name = dir.getFilename();
      if (name != null && name.startsWith(ExamplesLayout.SPLIT_PREFIX) && isPayload(file)) {
        splits.add(name.substring(ExamplesLayout.SPLIT_PREFIX.length()));
      }
    }
    return List.copyOf(splits);
  }

  /**
   * Iterates the examples of one split, file by file in shard order. TFRecord (gzip'd or plain) and
   * Parquet are told apart by the file names.
   *
   * @throws InvalidInputException when the split has no payload files, mixes formats, or a file is
   *     corrupt (named in the message)
   */
  public static CloseableIterator<Example> read(String examplesUri, String split) {
    List<MatchResult.Metadata> files = payloadFiles(examplesUri, split);
    return new Concat<>(files, file -> isParquet(file)
        ? PayloadReaders.parquet(file)
        : PayloadReaders.tfrecord(file));
  }

  /**
   * Iterates the examples of one TFRecord file (gzip'd or plain), for readers that must name the
   * file and record index of each example. A corrupt record or a payload that is not a tf.Example
   * is an error naming both.
   */
  public static CloseableIterator<Example> readTfRecordFile(String fileUri) {
    try {
      return PayloadReaders.tfrecord(FileSystems.matchSingleFileSpec(ArtifactUris.matchSpec(fileUri)));
    } catch (IOException e) {
      throw new InvalidInputException("Cannot open TFRecord file " + fileUri + ": " + e.getMessage(), e);
    }
  }

  /**
   * Iterates the serialized tf.Examples of one TFRecord file (gzip'd or plain), unparsed, for readers
   * that read the wire bytes themselves ({@link ExampleBatch#applyToSerialized}). A corrupt record is
   * an error naming the file and record.
   */
  public static CloseableIterator<byte[]> readTfRecordBytes(String fileUri) {
    try {
      return TFRecords.read(FileSystems.open(FileSystems.matchSingleFileSpec(ArtifactUris.matchSpec(fileUri)).resourceId()), fileUri);
    } catch (IOException e) {
      throw new InvalidInputException("Cannot open TFRecord file " + fileUri + ": " + e.getMessage(), e);
    }
  }

  /**
   * Iterates the rows of one Parquet payload file as tf.Examples (column types from its schema), for
   * readers that go file by file. A row that cannot be read is an error naming the file and row.
   */
  public static CloseableIterator<Example> readParquetFile(String fileUri) {
    try {
      return PayloadReaders.parquet(FileSystems.matchSingleFileSpec(ArtifactUris.matchSpec(fileUri)));
    } catch (IOException e) {
      throw new InvalidInputException("Cannot open Parquet file " + fileUri + ": " + e.getMessage(), e);
    }
  }

  /**
   * The URIs of one split's payload files in shard order, for readers that go file by file (with
   * {@link #readTfRecordFile}, {@link TFRecords#read} or {@link #readParquetFile}; {@link
   * #isParquetFile} tells them apart).
   *
   * @throws InvalidInputException when the split has no payload files or mixes formats
   */
  public static List<String> payloadFileUris(String examplesUri, String split) {
    return payloadFiles(examplesUri, split).stream().map(f -> f.resourceId().toString()).toList();
  }

  /** Whether a payload file URI (from {@link #payloadFileUris}) names a Parquet file rather than a TFRecord file. */
  public static boolean isParquetFile(String fileUri) {
    String name = fileUri.substring(fileUri.lastIndexOf('/') + 1);
    return name.startsWith(ExamplesLayout.PARQUET_PREFIX + "-") && name.endsWith(ExamplesLayout.PARQUET_SUFFIX);
  }

  /** Every example of one split, in file order. */
  public static List<Example> readAll(String examplesUri, String split) {
    List<Example> out = new ArrayList<>();
    try (CloseableIterator<Example> it = read(examplesUri, split)) {
      it.forEachRemaining(out::add);
    }
    return out;
  }

  /**
   * The split as {@link ExampleBatch}es of at most {@code batchSize} rows, typed with
   * {@link #featureTypes}. Batches run across file boundaries, so every batch but the last is full.
   * TFRecord examples go from their wire bytes straight into the batch's columns (as
   * {@link ExampleBatch#applyToSerialized} does, protobuf only for irregular batches): parsing each
   * example into protobuf objects first cost several times the decoding (a trainer's first epoch was
   * spent in protobuf map lookups).
   */
  public static CloseableIterator<ExampleBatch> batches(String examplesUri, String split, int batchSize) {
    if (batchSize < 1) {
      throw new io.beamline.core.InvalidParameterException("batchSize must be >= 1, got " + batchSize);
    }
    Map<String, FeatureType> types = featureTypes(examplesUri, split);
    List<MatchResult.Metadata> files = payloadFiles(examplesUri, split);
    if (files.stream().anyMatch(Examples::isParquet)) {
      CloseableIterator<Example> examples = read(examplesUri, split);
      return new Chunks<>(examples, batchSize, chunk -> ExampleBatch.fromExamples(chunk, types), split);
    }
    String source = "split '" + split + "' of " + examplesUri;
    CloseableIterator<byte[]> records = new Concat<>(files, Examples::openTfRecords);
    long[] first = {0};
    return new Chunks<>(records, batchSize, chunk -> {
      ExampleBatch batch = ExampleBatch.applyToSerialized(chunk, types, source, first[0], ExampleBatch::fromRoot);
      first[0] += chunk.size();
      return batch;
    }, split);
  }

  private static CloseableIterator<byte[]> openTfRecords(MatchResult.Metadata file) {
    String name = file.resourceId().toString();
    try {
      return TFRecords.read(FileSystems.open(file.resourceId()), name);
    } catch (IOException e) {
      throw new InvalidInputException("Cannot open TFRecord file " + name + ": " + e.getMessage(), e);
    }
  }

  /** Items of an iterator gathered {@code size} at a time and made into a batch each. */
  private static final class Chunks<T> implements CloseableIterator<ExampleBatch> {
    private final CloseableIterator<T> items;
    private final int size;
    private final java.util.function.Function<List<T>, ExampleBatch> batch;
    private final String split;

    Chunks(CloseableIterator<T> items, int size, java.util.function.Function<List<T>, ExampleBatch> batch,
        String split) {
      this.items = items;
      this.size = size;
      this.batch = batch;
      this.split = split;
    }

    @Override
    public boolean hasNext() {
      return items.hasNext();
    }

    @Override
    public ExampleBatch next() {
      if (!hasNext()) {
        throw new NoSuchElementException("No more batches in split '" + split + "'");
      }
      List<T> chunk = new ArrayList<>(Math.min(size, 4096));
      while (chunk.size() < size && items.hasNext()) {
        chunk.add(items.next());
      }
      return batch.apply(chunk);
    }

    @Override
    public void close() {
      items.close();
    }
  }

  /**
   * The split's feature types as readers use them: the Parquet schema, else the artifact manifest's
   * {@link ExamplesLayout#FEATURE_TYPES}; empty when neither says (types are then inferred per batch).
   */
  public static Map<String, FeatureType> featureTypes(String examplesUri, String split) {
    List<MatchResult.Metadata> files = payloadFiles(examplesUri, split);
    return files.stream().anyMatch(Examples::isParquet)
        ? PayloadReaders.parquetTypes(files.get(0))
        : manifestTypes(examplesUri);
  }

  /** Feature types recorded in the artifact manifest at {@code examplesUri}; empty when none. */
  static Map<String, FeatureType> manifestTypes(String examplesUri) {
    return ArtifactManifest.read(examplesUri)
        .filter(m -> m.properties().has(PropertyNames.FEATURE_TYPES))
        .map(m -> {
          Map<String, FeatureType> types = new LinkedHashMap<>();
          m.properties().getMap(PropertyNames.FEATURE_TYPES).forEach((name, type) -> {
            try {
              types.put(name, FeatureType.valueOf(String.valueOf(type)));
            } catch (IllegalArgumentException e) {
              throw new InvalidInputException("Artifact manifest of " + examplesUri + ": feature '" + name
                  + "' has type '" + type + "', expected one of INT, FLOAT, BYTES");
            }
          });
          return types;
        })
        .orElse(Map.of());
  }

  /** The payload files of one split in shard order; fails when there are none or formats mix. */
  static List<MatchResult.Metadata> payloadFiles(String examplesUri, String split) {
    ExamplesIO.checkSplit(split);
    String dir = ExamplesLayout.splitDir(examplesUri, split);
    List<MatchResult.Metadata> files = new ArrayList<>();
    for (MatchResult.Metadata file : match(ArtifactUris.childGlob(dir, "data_*"))) {
      if (isPayload(file)) {
        files.add(file);
      }
    }
    if (files.isEmpty()) {
      throw new InvalidInputException("Split '" + split + "' of " + examplesUri + " has no payload files: expected "
          + dir + "/" + ExamplesLayout.TFRECORD_PREFIX + "-* or " + ExamplesLayout.PARQUET_PREFIX + "-*");
    }
    long parquet = files.stream().filter(Examples::isParquet).count();
    if (parquet != 0 && parquet != files.size()) {
      throw new InvalidInputException("Split '" + split + "' of " + examplesUri
          + " mixes TFRecord and Parquet files: expected one format");
    }
    files.sort(Comparator.comparing(f -> f.resourceId().getFilename()));
    return files;
  }

  private static boolean isPayload(MatchResult.Metadata file) {
    String name = file.resourceId().getFilename();
    return name != null && (name.startsWith(ExamplesLayout.TFRECORD_PREFIX + "-")
        || name.startsWith(ExamplesLayout.PARQUET_PREFIX + "-"));
  }

  static boolean isParquet(MatchResult.Metadata file) {
    String name = file.resourceId().getFilename();
    return name != null && isParquetFile(name);
  }

  private static List<MatchResult.Metadata> match(String glob) {
    try {
      MatchResult result = FileSystems.match(glob, EmptyMatchTreatment.ALLOW);
      if (result.status() == MatchResult.Status.NOT_FOUND) {
        return List.of();
      }
      return result.metadata();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot list " + glob, e);
    }
  }

  /** Opens one file at a time and chains their iterators. */
  private static final class Concat<T> implements CloseableIterator<T> {
    interface Opener<T> {
      CloseableIterator<T> open(MatchResult.Metadata file);
    }

    private final List<MatchResult.Metadata> files;
    private final Opener<T> opener;
    private int nextFile;
    private CloseableIterator<T> current;

    Concat(List<MatchResult.Metadata> files, Opener<T> opener) {
      this.files = files;
      this.opener = opener;
    }

    @Override
    public boolean hasNext() {
      while (current == null || !current.hasNext()) {
        if (current != null) {
          current.close();
          current = null;
        }
        if (nextFile >= files.size()) {
          return false;
        }
        current = opener.open(files.get(nextFile++));
      }
      return true;
    }

    @Override
    public T next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      return current.next();
    }

    @Override
    public void close() {
      if (current != null) {
        current.close();
        current = null;
      }
      nextFile = files.size();
    }
  }
}
