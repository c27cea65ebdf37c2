package io.beamline.io.examples;

import io.beamline.core.examples.ExamplesLayout;
import io.beamline.core.examples.FeatureType;

import io.beamline.core.InvalidParameterException;
import io.beamline.core.component.ArtifactUris;
import java.io.IOException;
import java.nio.channels.WritableByteChannel;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.beam.sdk.coders.ByteArrayCoder;
import org.apache.beam.sdk.io.Compression;
import org.apache.beam.sdk.io.FileIO;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.ResourceId;
import org.apache.beam.sdk.transforms.Contextful;
import org.apache.beam.sdk.transforms.Count;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.util.MimeTypes;
import org.apache.beam.sdk.io.TFRecordIO;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.Sum;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.Requirements;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PBegin;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionView;
import org.apache.beam.sdk.values.PDone;
import org.apache.beam.sdk.values.TypeDescriptor;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.tensorflow.proto.Example;

/**
 * Beam IO for one split of an Examples artifact in TFX's layout ({@link ExamplesLayout}).
 *
 * <pre>{@code
 * examples.apply("Write[train]", ExamplesIO.write(uri, "train"));          // gzip'd TFRecord
 * examples.apply(ExamplesIO.write(uri, "eval").withFormat(ExamplesLayout.FORMAT_PARQUET)
 *     .withFeatureTypes(types).withNumShards(1));
 * // types known only once the data is read (e.g. inferred in the same pipeline): a side input
 * examples.apply(ExamplesIO.write(uri, "train").withFormat(ExamplesLayout.FORMAT_PARQUET)
 *     .withFeatureTypes(typesView));
 * PCollection<ExampleBatch> batches = p.apply("Read[train]", ExamplesIO.read(uri, "train"));
 * }</pre>
 */
public final class ExamplesIO {
  /**
   * The gzip level of TFRecord payloads: deflate at zlib's default (6) took half of ExampleGen's CPU
   * on the taxi data; level 1 deflates it about 3x faster into files about 18% larger (measured on
   * ExampleGen's output, see the benchmarks README). Any level reads back the same.
   */
  public static final int DEFAULT_GZIP_LEVEL = 1;

  private ExamplesIO() {}

  /** Writes tf.Examples as {@code <uri>/Split-<split>/data_tfrecord-SSSSS-of-NNNNN.gz} by default. */
  public static Write write(String examplesUri, String split) {
    return new Write(examplesUri, checkSplit(split), ExamplesLayout.FORMAT_TFRECORD, Map.of(), null, 0,
        DEFAULT_GZIP_LEVEL);
  }

  /**
   * Reads one split as {@link ExampleBatch}es of at most 1024 rows (see {@link Read}). The split's
   * files must exist when the pipeline is built: their names decide the format.
   *
   * <p>On Beam's DirectRunner, which neither fuses steps nor applies backpressure, a read step can
   * run ahead of a slow consumer and the runner then holds every pending batch. For a whole split
   * with a costly consumer, read each payload file inside the consuming step instead
   * ({@link Examples#payloadFileUris}, {@link Examples#readTfRecordFile}): Beamline's StatisticsGen,
   * Evaluator and row validation do.
   */
  public static Read read(String examplesUri, String split) {
    return new Read(examplesUri, checkSplit(split), DEFAULT_BATCH_SIZE, null);
  }

  /** Reads one split as individual tf.Examples (TFRecord or Parquet, told apart by file names). */
  public static ReadExamples readExamples(String examplesUri, String split) {
    return new ReadExamples(examplesUri, checkSplit(split));
  }

  static final int DEFAULT_BATCH_SIZE = 1024;

  static String checkSplit(String split) {
    if (split == null || split.isEmpty() || split.contains("/") || split.contains("*")) {
      throw new InvalidParameterException(
          "Split name '" + split + "' is not allowed: expected a non-empty name without '/' or '*'");
    }
    return split;
  }

  static String checkFormat(String format) {
    if (!ExamplesLayout.FORMAT_TFRECORD.equals(format) && !ExamplesLayout.FORMAT_PARQUET.equals(format)) {
      throw new InvalidParameterException("Examples format '" + format + "' is not supported: expected '"
          + ExamplesLayout.FORMAT_TFRECORD + "' or '" + ExamplesLayout.FORMAT_PARQUET + "'");
    }
    return format;
  }

  /**
   * Writes one split. An empty input still produces one valid empty file, so readers see the split.
   * Defaults: TFRecord, no feature types (Parquet requires them), runner-chosen shard count, written
   * a file per bundle in bounded memory; an explicit shard count uses Beam's {@code WriteFiles}
   * (see {@link #withNumShards}). Temporary files are named {@code .tmp-*} in the split directory and
   * are never read as data.
   */
  public static final class Write extends PTransform<PCollection<Example>, PDone> {
    private final String examplesUri;
    private final String split;
    private final String format;
    private final Map<String, FeatureType> featureTypes;
    private final PCollectionView<Map<String, FeatureType>> typesView;
    private final int numShards;
    private final int gzipLevel;

    private Write(String examplesUri, String split, String format, Map<String, FeatureType> featureTypes,
        PCollectionView<Map<String, FeatureType>> typesView, int numShards, int gzipLevel) {
      this.examplesUri = examplesUri;
      this.split = split;
      this.format = format;
      this.featureTypes = featureTypes;
      this.typesView = typesView;
      this.numShards = numShards;
      this.gzipLevel = gzipLevel;
    }

    /** {@link ExamplesLayout#FORMAT_TFRECORD} (default) or {@link ExamplesLayout#FORMAT_PARQUET}. */
    public Write withFormat(String format) {
      return new Write(examplesUri, split, checkFormat(format), featureTypes, typesView, numShards, gzipLevel);
    }

    /** The Parquet column types (required for Parquet; a TFRecord write ignores them). */
    public Write withFeatureTypes(Map<String, FeatureType> types) {
      return new Write(examplesUri, split, format, Map.copyOf(types), null, numShards, gzipLevel);
    }

    /**
     * The Parquet column types as a singleton side input of the same pipeline, for types that are
     * known only once the data has been read (such as types inferred from the input in one pass).
     * An empty map fails the write when it runs. Replaces types given as a map.
     */
    public Write withFeatureTypes(PCollectionView<Map<String, FeatureType>> types) {
      if (types == null) {
        throw new InvalidParameterException("Feature types view must not be null");
      }
      return new Write(examplesUri, split, format, Map.of(), types, numShards, gzipLevel);
    }

    /**
     * The number of files. 0 (the default) lets the runner decide: each bundle streams its examples
     * into a file of its own and the files are renamed to shard names when all are written, so
     * memory does not grow with the split (see {@link BundleFileWrite}); the file count follows the
     * runner's bundles. {@code n > 0} writes exactly {@code n} files through Beam's
     * {@code WriteFiles}, which groups every example by shard first: on the DirectRunner that holds
     * the whole split in memory, so use it for small splits or exact file counts.
     */
    public Write withNumShards(int numShards) {
      if (numShards < 0) {
        throw new InvalidParameterException("numShards must be >= 0 (0 = runner decides), got " + numShards);
      }
      return new Write(examplesUri, split, format, featureTypes, typesView, numShards, gzipLevel);
    }

    /**
     * The gzip level of TFRecord files written a file per bundle (the default sharding): 1 (the
     * default, {@link #DEFAULT_GZIP_LEVEL}) to 9; every level reads back the same. An explicit shard
     * count writes through Beam's TFRecordIO, which always uses zlib's default level (6).
     */
    public Write withGzipLevel(int level) {
      if (level < 1 || level > 9) {
        throw new InvalidParameterException("gzip level must be 1 to 9, got " + level);
      }
      return new Write(examplesUri, split, format, featureTypes, typesView, numShards, level);
    }

    /**
     * Commits the files a step wrote into this split a bundle at a time ({@link SplitFiles}), each
     * given as its name and example count: renames them to shard names once all are written (one
     * empty file when there are none). Gives the number of examples, one element. Only for the
     * runner-decided sharding.
     */
    public PCollection<Long> commitBundleFiles(PCollection<KV<String, Long>> files) {
      if (numShards != 0) {
        throw new InvalidParameterException("Files written a bundle at a time are as many as the bundles;"
            + " an explicit shard count (" + numShards + ") needs the write itself");
      }
      BundleFileWrite<KV<String, Long>> target = bundleFiles();
      return files.apply("CommitFiles[" + split + "]",
          new PTransform<PCollection<KV<String, Long>>, PCollection<Long>>() {
            @Override
            public PCollection<Long> expand(PCollection<KV<String, Long>> written) {
              return target.commit(written);
            }
          });
    }

    /**
     * The same write for batches of serialized tf.Examples (as {@link #serialized()} takes them one by
     * one): a step that makes many examples at once hands them on as one element, so a runner moves
     * one element per batch rather than per example (on the DirectRunner, per-element overhead was
     * about half of ExampleGen's CPU).
     */
    public WriteSerializedBatches serializedBatches() {
      return new WriteSerializedBatches(this);
    }

    /**
     * The same write for tf.Examples given as their serialized bytes (as {@link ExampleCoder#serialize}
     * makes them): a pipeline that has the bytes anyway (to hash them, say) writes them as they are,
     * and the runner moves compact byte arrays between steps instead of example objects.
     */
    public WriteSerialized serialized() {
      return new WriteSerialized(this);
    }

    @Override
    public PDone expand(PCollection<Example> input) {
      if (numShards == 0) {
        input.apply("WriteBundleFiles", bundleFiles());
        return PDone.in(input.getPipeline());
      }
      String dir = ExamplesLayout.splitDir(examplesUri, split);
      if (ExamplesLayout.FORMAT_PARQUET.equals(format)) {
        writeParquet(input, dir);
      } else {
        input.apply("Serialize", MapElements.into(TypeDescriptor.of(byte[].class))
                .via(ExampleCoder::serialize))
            .apply("WriteTFRecord", tfRecords(dir));
      }
      return PDone.in(input.getPipeline());
    }

    private <T> BundleFileWrite<T> bundleFiles() {
      if (ExamplesLayout.FORMAT_PARQUET.equals(format) && typesView == null) {
        ParquetExamples.requireTypes(featureTypes);
      }
      return new BundleFileWrite<>(ExamplesLayout.splitDir(examplesUri, split), format, featureTypes, typesView,
          gzipLevel);
    }

    private TFRecordIO.Write tfRecords(String dir) {
      return TFRecordIO.write()
          .to(ArtifactUris.child(dir, ExamplesLayout.TFRECORD_PREFIX))
          .withShardNameTemplate(ExamplesLayout.SHARD_TEMPLATE)
          // GZIP appends its own ".gz": no suffix of ours.
          .withCompression(Compression.GZIP)
          .withNumShards(numShards);
    }

    private void writeParquet(PCollection<Example> input, String dir) {
      ShardNaming naming = new ShardNaming(ExamplesLayout.PARQUET_PREFIX, ExamplesLayout.PARQUET_SUFFIX);
      FileIO.Write<Void, Example> files;
      ParDo.SingleOutput<Long, Void> ensureSplit;
      if (typesView == null) {
        ParquetExamples.requireTypes(featureTypes);
        files = FileIO.<Example>write().via(new ParquetSink(new TreeMap<>(featureTypes)));
        ensureSplit = ParDo.of(new EmptyParquetFn(dir, featureTypes, null));
      } else {
        // The sink is made per bundle from the side input: FileIO passes the view's requirements on
        // to the step that writes, so the types are there before the first row.
        PCollectionView<Map<String, FeatureType>> view = typesView;
        files = FileIO.<Example>write().via(Contextful.fn(
            (Void destination, Contextful.Fn.Context c) -> new ParquetSink(viewTypes(c.sideInput(view))),
            Requirements.requiresSideInputs(view)));
        ensureSplit = ParDo.of(new EmptyParquetFn(dir, Map.of(), view)).withSideInputs(view);
      }
      files = files.to(dir).withNaming(naming);
      input.apply("WriteParquet", numShards > 0 ? files.withNumShards(numShards) : files)
          .getPerDestinationOutputFilenames()
          .apply("CountFiles", Count.globally())
          .apply("EnsureSplitExists", ensureSplit);
    }
  }

  /** {@link Write} for serialized tf.Examples; see {@link Write#serialized()}. */
  public static final class WriteSerialized extends PTransform<PCollection<byte[]>, PDone> {
    private final Write write;

    private WriteSerialized(Write write) {
      this.write = write;
    }

    @Override
    public PDone expand(PCollection<byte[]> input) {
      if (write.numShards == 0) {
        input.apply("WriteBundleFiles", write.<byte[]>bundleFiles());
        return PDone.in(input.getPipeline());
      }
      String dir = ExamplesLayout.splitDir(write.examplesUri, write.split);
      if (ExamplesLayout.FORMAT_PARQUET.equals(write.format)) {
        String source = "A serialized example to write to " + dir;
        write.writeParquet(input.apply("Parse", MapElements.into(TypeDescriptor.of(Example.class))
            .via((byte[] b) -> ExampleCoder.parse(b, source))).setCoder(ExampleCoder.of()), dir);
      } else {
        input.apply("WriteTFRecord", write.tfRecords(dir));
      }
      return PDone.in(input.getPipeline());
    }
  }

  /**
   * {@link Write} for batches of serialized tf.Examples; see {@link Write#serializedBatches()}. The
   * default (bundle-file) write takes each batch whole; an explicit shard count flattens them first.
   * Its output is the number of examples written (one element): the bundle-file write sums its files'
   * counts, so the batches are read once (an explicit shard count counts them beside the write).
   */
  public static final class WriteSerializedBatches extends PTransform<PCollection<List<byte[]>>, PCollection<Long>> {
    private final Write write;

    private WriteSerializedBatches(Write write) {
      this.write = write;
    }

    @Override
    public PCollection<Long> expand(PCollection<List<byte[]>> input) {
      if (write.numShards == 0) {
        return input.apply("WriteBundleFiles", write.<List<byte[]>>bundleFiles());
      }
      input.apply("Flatten", Flatten.iterables()).setCoder(ByteArrayCoder.of())
          .apply("Write", new WriteSerialized(write));
      return input.apply("BatchSizes", MapElements.into(TypeDescriptors.longs()).via(b -> (long) b.size()))
          .apply("CountExamples", Sum.longsGlobally());
    }
  }

  /** The types a side input gave, checked as {@link ParquetExamples#requireTypes} checks given ones. */
  static Map<String, FeatureType> viewTypes(Map<String, FeatureType> types) {
    ParquetExamples.requireTypes(types);
    return types;
  }

  /**
   * Reads one split into Arrow batches. Feature types: those given with {@link #withFeatureTypes},
   * else the artifact manifest's {@link ExamplesLayout#FEATURE_TYPES}, else (Parquet) the file
   * schema, else inferred per batch (so batches may then differ in columns). Batches are cut every
   * {@code batchSize} examples and at bundle ends; a split is never collected whole.
   */
  public static final class Read extends PTransform<PBegin, PCollection<ExampleBatch>> {
    private final String examplesUri;
    private final String split;
    private final int batchSize;
    private final Map<String, FeatureType> featureTypes;

    private Read(String examplesUri, String split, int batchSize, Map<String, FeatureType> featureTypes) {
      this.examplesUri = examplesUri;
      this.split = split;
      this.batchSize = batchSize;
      this.featureTypes = featureTypes;
    }

    /** Rows per batch at most (default 1024). */
    public Read withBatchSize(int batchSize) {
      if (batchSize < 1) {
        throw new InvalidParameterException("batchSize must be >= 1, got " + batchSize);
      }
      return new Read(examplesUri, split, batchSize, featureTypes);
    }

    /** Column types to use instead of the manifest's or inferred ones. */
    public Read withFeatureTypes(Map<String, FeatureType> types) {
      return new Read(examplesUri, split, batchSize, Map.copyOf(types));
    }

    @Override
    public PCollection<ExampleBatch> expand(PBegin input) {
      boolean parquet = Examples.isParquet(Examples.payloadFiles(examplesUri, split).get(0));
      Map<String, FeatureType> types = featureTypes != null ? featureTypes : Examples.manifestTypes(examplesUri);
      String glob = ExamplesLayout.splitGlob(examplesUri, split,
          parquet ? ExamplesLayout.FORMAT_PARQUET : ExamplesLayout.FORMAT_TFRECORD);
      if (parquet) {
        return input.apply("Match", FileIO.match().filepattern(glob))
            .apply("Open", FileIO.readMatches())
            .apply("ReadBatches", ParDo.of(new ReadFns.BatchParquetFn(batchSize, types)))
            .setCoder(ExampleBatchCoder.of());
      }
      return input.apply("ReadTFRecord", TFRecordIO.read().from(glob).withCompression(Compression.AUTO))
          .apply("Batch", ParDo.of(new ReadFns.BatchRecordsFn(batchSize, types, glob)))
          .setCoder(ExampleBatchCoder.of());
    }
  }

  /** Reads one split as tf.Examples; see {@link #readExamples}. */
  public static final class ReadExamples extends PTransform<PBegin, PCollection<Example>> {
    private final String examplesUri;
    private final String split;

    private ReadExamples(String examplesUri, String split) {
      this.examplesUri = examplesUri;
      this.split = split;
    }

    @Override
    public PCollection<Example> expand(PBegin input) {
      boolean parquet = Examples.isParquet(Examples.payloadFiles(examplesUri, split).get(0));
      String glob = ExamplesLayout.splitGlob(examplesUri, split,
          parquet ? ExamplesLayout.FORMAT_PARQUET : ExamplesLayout.FORMAT_TFRECORD);
      PCollection<Example> out = parquet
          ? input.apply("Match", FileIO.match().filepattern(glob))
              .apply("Open", FileIO.readMatches())
              .apply("ReadRows", ParDo.of(new ReadFns.ParquetExamplesFn()))
          : input.apply("ReadTFRecord", TFRecordIO.read().from(glob).withCompression(Compression.AUTO))
              .apply("Parse", ParDo.of(new ReadFns.ParseFn(glob)));
      return out.setCoder(ExampleCoder.of());
    }
  }

  /**
   * Writes one empty Parquet file when the write produced none: FileIO, unlike TFRecordIO, writes
   * nothing for an empty input, and readers must still see the split.
   */
  private static final class EmptyParquetFn extends DoFn<Long, Void> {
    private final String dir;
    private final TreeMap<String, FeatureType> types;
    private final PCollectionView<Map<String, FeatureType>> typesView;

    /** With {@code typesView} non-null, the types come from it and {@code types} is ignored. */
    EmptyParquetFn(String dir, Map<String, FeatureType> types,
        PCollectionView<Map<String, FeatureType>> typesView) {
      this.dir = dir;
      this.types = new TreeMap<>(types);
      this.typesView = typesView;
    }

    @ProcessElement
    public void process(ProcessContext c) throws IOException {
      if (c.element() > 0) {
        return;
      }
      Map<String, FeatureType> columns = typesView == null ? types : viewTypes(c.sideInput(typesView));
      String name = new ShardNaming(ExamplesLayout.PARQUET_PREFIX, ExamplesLayout.PARQUET_SUFFIX)
          .getFilename(null, null, 1, 0, Compression.UNCOMPRESSED);
      ResourceId file = FileSystems.matchNewResource(ArtifactUris.child(dir, name), false);
      try (WritableByteChannel channel = FileSystems.create(file, MimeTypes.BINARY)) {
        ParquetSink sink = new ParquetSink(columns);
        sink.open(channel);
        sink.flush();
      }
    }
  }

  /** {@code <prefix>-00000-of-00004<suffix>}, the shard names TFX uses. */
  private static final class ShardNaming implements FileIO.Write.FileNaming {
    private final String prefix;
    private final String suffix;

    ShardNaming(String prefix, String suffix) {
      this.prefix = prefix;
      this.suffix = suffix;
    }

    @Override
    public String getFilename(org.apache.beam.sdk.transforms.windowing.BoundedWindow window,
        org.apache.beam.sdk.transforms.windowing.PaneInfo pane, int numShards, int shardIndex,
        Compression compression) {
      return String.format("%s-%05d-of-%05d%s", prefix, shardIndex, numShards, suffix);
    }
  }
}
