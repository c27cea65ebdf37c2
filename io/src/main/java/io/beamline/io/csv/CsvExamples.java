package io.beamline.io.csv;

import io.beamline.io.examples.Examples;
import io.beamline.io.files.InputFile;
import io.beamline.io.files.InputFiles;

import io.beamline.core.InvalidParameterException;
import io.beamline.io.examples.ExampleCoder;
import io.beamline.io.examples.SplitFiles;
import io.beamline.core.examples.FeatureType;
import java.util.Collections;
import java.util.List;
import java.util.TreeMap;
import io.beamline.io.examples.ExampleBatch;
import org.apache.beam.sdk.transforms.View;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.transforms.Count;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.Values;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PBegin;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionView;
import org.apache.beam.sdk.values.PInput;
import org.apache.beam.sdk.values.POutput;
import org.apache.beam.sdk.values.PValue;
import org.apache.beam.sdk.values.TupleTag;
import org.tensorflow.proto.Example;

/**
 * CSV files to typed tf.Examples (or Arrow batches) in one streaming read, the ingest ExampleGen runs,
 * as a Beam transform that writes nothing: for a profile of a CSV file ({@code beamline stats --input
 * FILE.csv}) or any pipeline of one's own.
 *
 * <pre>{@code
 * CsvExamples.Result csv = p.apply(CsvExamples.read("data/trips-*.csv").withDelimiter(';'));
 * csv.examples()          // PCollection<Example>, typed with csv.featureTypesUsed()
 * csv.featureTypesUsed()  // Map<String, FeatureType>: guessed from a sample when the pipeline is built
 * csv.exactFeatureTypes() // PCollection<Map<String, FeatureType>>: over all rows, one element
 * csv.rejects()           // rows that could not be parsed: file, line, reason, raw text
 * csv.exampleCount(); csv.rejectCount();   // PCollection<Long>, one element each
 * }</pre>
 *
 * <p>Types: a column is INT if every value parses as int64, else FLOAT if every value parses as a
 * float, else BYTES. They are guessed from a sample (the first 100,000 rows or 32 MB of the files)
 * when the pipeline is built, and the exact types are computed over every row in the same pass; the
 * caller compares the two after the run and, in the rare case they differ, runs again with
 * {@link Read#withFeatureTypes} set to the exact types: one pass when a sample of the input predicts
 * the types, two when it does not. Rows of a batch that does not fit the guess are left out of that
 * (wrong) run's examples. No step waits for the whole input, so memory stays bounded.
 *
 * <p>The pattern is a file, a directory or a glob, and may hold {@code {SPAN}} and the other span
 * placeholders (the latest span is read); it is matched and each file's header read when the
 * pipeline is built, so a missing or empty file, a header-only file or files with different headers
 * fail then or at run time with the file named. An empty field is a missing value. Rejected rows are
 * only reported: deciding how many are too many is the caller's (ExampleGen fails past
 * {@code --max-reject-fraction}).
 */
public final class CsvExamples {
  /** Rows read to guess column types when the pipeline is built. */
  public static final int DEFAULT_SAMPLE_ROWS = CsvTypes.SAMPLE_ROWS;
  /** Rows per batch the reader emits. */
  public static final int DEFAULT_BATCH_ROWS = ReadCsvBatchesFn.DEFAULT_BATCH_ROWS;

  /** Batches (of {@link #DEFAULT_BATCH_ROWS} rows) the DirectRunner's lanes emit between checkpoints, together. */
  static final int DIRECT_BATCHES_IN_FLIGHT = 128;

  private CsvExamples() {}

  /** Reads the CSV files the pattern selects; comma-delimited, RFC 4180 quoting. */
  public static Read read(String filePattern) {
    if (filePattern == null || filePattern.isBlank()) {
      throw new InvalidParameterException("CsvExamples.read: no file pattern given");
    }
    return new Read(filePattern, null, ',', null, CsvIngest.Output.EXAMPLES, CsvTypes.SAMPLE_ROWS,
        ReadCsvBatchesFn.DEFAULT_BATCH_ROWS, ReadCsvBatchesFn.DEFAULT_BATCHES_PER_CALL, null);
  }

  /** Reads files already matched (ExampleGen's path: each file carries its pre-split name, if any). */
  public static Read readFiles(List<InputFile> files) {
    return new Read(null, List.copyOf(files), ',', null, CsvIngest.Output.EXAMPLES, CsvTypes.SAMPLE_ROWS,
        ReadCsvBatchesFn.DEFAULT_BATCH_ROWS, ReadCsvBatchesFn.DEFAULT_BATCHES_PER_CALL, null);
  }

  /**
   * Lanes the DirectRunner reads the files in (see {@code CsvLane}) when the reader emits
   * {@code batchesPerCall} batches between checkpoints: one per core, but no more than keep
   * {@value #DIRECT_BATCHES_IN_FLIGHT} batches in flight (2 on this project's 2-core machine at 32
   * or 64 a call), so what the runner holds is bounded by the lanes, not by the number of files.
   */
  static int directLanes(int batchesPerCall) {
    int byMemory = DIRECT_BATCHES_IN_FLIGHT / Math.max(1, batchesPerCall);
    return Math.max(1, Math.min(Runtime.getRuntime().availableProcessors(), byMemory));
  }

  /** Throws unless {@code delimiter} can separate CSV fields: not a quote, not a line break. */
  public static char checkDelimiter(char delimiter) {
    if (delimiter == '"' || delimiter == '\n' || delimiter == '\r') {
      throw new InvalidParameterException("CSV delimiter must be one character other than a quote or"
          + " line break, got '" + delimiter + "'");
    }
    return delimiter;
  }

  /** The transform; see {@link CsvExamples}. */
  public static final class Read extends PTransform<PBegin, Result> {
    private final String pattern;
    private final List<InputFile> files;
    private final char delimiter;
    private final Map<String, FeatureType> types;
    private final CsvIngest.Output output;
    private final int sampleRows;
    private final int batchRows;
    private final int batchesPerCall;
    private final SplitFiles splitFiles;

    private Read(String pattern, List<InputFile> files, char delimiter, Map<String, FeatureType> types,
        CsvIngest.Output output, int sampleRows, int batchRows, int batchesPerCall, SplitFiles splitFiles) {
      this.pattern = pattern;
      this.files = files;
      this.delimiter = delimiter;
      this.types = types;
      this.output = output;
      this.sampleRows = sampleRows;
      this.batchRows = batchRows;
      this.batchesPerCall = batchesPerCall;
      this.splitFiles = splitFiles;
    }

    /** The field delimiter, e.g. {@code ';'} or {@code '\t'} (default {@code ','}). */
    public Read withDelimiter(char delimiter) {
      return new Read(pattern, files, checkDelimiter(delimiter), types, output, sampleRows, batchRows,
          batchesPerCall, splitFiles);
    }

    /**
     * Column types to use instead of a guess from a sample, e.g. the exact types of an earlier run
     * whose guess was wrong. Every column must have one.
     */
    public Read withFeatureTypes(Map<String, FeatureType> types) {
      return new Read(pattern, files, delimiter, Map.copyOf(types), output, sampleRows, batchRows,
          batchesPerCall, splitFiles);
    }

    /** Produce Arrow batches ({@link Result#exampleBatches()}) instead of tf.Examples. */
    public Read asExampleBatches() {
      return new Read(pattern, files, delimiter, types, CsvIngest.Output.ARROW, sampleRows, batchRows, batchesPerCall, splitFiles);
    }

    /** Produce serialized tf.Examples in row batches keyed by split ({@link Result#keyedSerializedBatches()}): ExampleGen's path. */
    public Read asSerializedExamples() {
      return new Read(pattern, files, delimiter, types, CsvIngest.Output.SERIALIZED, sampleRows, batchRows,
          batchesPerCall, splitFiles);
    }

    /**
     * Write the examples (serialized tf.Examples) into split files in the step that reads and
     * converts the rows, each lane read whole, a file per lane and split ({@link SplitFiles}); the
     * step hands on only
     * the files written ({@link Result#splitFiles()}), for each split's
     * {@link io.beamline.io.examples.ExamplesIO.Write#commitBundleFiles}: ExampleGen's path.
     */
    public Read asSplitFiles(SplitFiles files) {
      return new Read(pattern, this.files, delimiter, types, CsvIngest.Output.FILES, sampleRows, batchRows,
          batchesPerCall, files);
    }

    /**
     * Produce the row batches whose values fit the types ({@link Result#checkedRowBatches()}),
     * unconverted, for a consumer that converts them in its own step.
     */
    public Read asCheckedRowBatches() {
      return new Read(pattern, files, delimiter, types, CsvIngest.Output.ROWS, sampleRows, batchRows, batchesPerCall, splitFiles);
    }

    /**
     * Produce only the row batches ({@link Result#rowBatches()}), unchecked and unconverted, for a
     * consumer that types every cell itself; the exact types are then not computed
     * ({@link Result#exactFeatureTypes()} is unavailable), so such a consumer must detect a cell that
     * does not fit {@link Result#featureTypesUsed()} (see {@link CsvBatch#longAt}).
     */
    public Read asRowBatches() {
      return new Read(pattern, files, delimiter, types, CsvIngest.Output.RAW, sampleRows, batchRows, batchesPerCall, splitFiles);
    }

    /** The rows read up front to guess the types (default 100,000; at most 32 MB are read). */
    public Read withSampleRows(int rows) {
      if (rows < 1) {
        throw new InvalidParameterException("Sample rows must be >= 1, got " + rows);
      }
      return new Read(pattern, files, delimiter, types, output, rows, batchRows, batchesPerCall, splitFiles);
    }

    /**
     * Rows per batch (default 1024) and batches the reader emits before it checkpoints (default 64):
     * the bound on what a runner holds per part being read between checkpoints. On the DirectRunner
     * the files are read in {@link #directLanes} lanes, fewer for more batches a call.
     */
    public Read withBatching(int rows, int perCall) {
      return new Read(pattern, files, delimiter, types, output, sampleRows, rows, perCall, splitFiles);
    }

    /**
     * Resolves the input now, before any pipeline runs: its files, header and column types (a sample
     * is read unless the types were given). For consumers that read whole parts in their own step
     * ({@link CsvInput#parts()}).
     */
    public CsvInput resolve() {
      List<InputFile> inputs = files != null ? files
          : InputFiles.resolve(pattern).files();
      List<String> header = new CsvRows(delimiter).header(inputs.get(0), delimiter);
      Map<String, FeatureType> used = types;
      Set<String> unseen = Set.of();
      if (types == null) {
        byte[] kinds = CsvTypes.sampleKinds(inputs, header, delimiter, sampleRows, CsvTypes.SAMPLE_CHARS);
        used = CsvTypes.named(header, kinds);
        unseen = new TreeSet<>();
        for (int c = 0; c < kinds.length; c++) {
          if (kinds[c] == ValueKinds.NONE) {
            unseen.add(header.get(c));
          }
        }
      }
      return new CsvInput(inputs, header, delimiter, used, unseen, batchRows);
    }

    @Override
    public Result expand(PBegin input) {
      CsvInput resolved = resolve();
      List<String> header = resolved.columns();
      Map<String, FeatureType> used = resolved.featureTypesUsed();
      Set<String> unseen = resolved.columnsUnseenInSample();
      // On a cluster each part is read on its own: a big file by several workers at once (Spark's
      // runner never splits a splittable read, so the parts must be elements). On the DirectRunner,
      // which holds the output of every element being read until the next steps take it, with no
      // backpressure, a file is one part (on taxi x1000, 1.9 GB, ExampleGen took 66 s and 549 MB of
      // live heap reading the file whole, 77 s and 599 MB in 2 parts, 319 s and 624 MB in 30), and
      // the files are read in a few lanes, so what waits is bounded whatever the number of files.
      // A step that writes its output where it is made hands on only file names: nothing waits, so
      // the files are read as statistics read them, in a lane per core (a file cut when fewer).
      PCollection<CsvLane> lanes = input.apply("CsvParts", output == CsvIngest.Output.FILES
          ? resolved.lanes(Runtime.getRuntime().availableProcessors())
          : resolved.wholeFileLanes(directLanes(batchesPerCall)));
      CsvIngest.Result csv = CsvIngest.expand(lanes, header, delimiter, used, output, splitFiles, batchRows,
          batchesPerCall);
      PCollection<Example> examples = csv.examples() == null ? null : csv.examples()
          .apply("Examples", Values.create()).setCoder(ExampleCoder.of());
      return new Result(input.getPipeline(), header, new TreeMap<>(used), unseen, csv, examples, csv.rowCount(),
          csv.rejects().apply("CountRejects", Count.globally()));
    }
  }

  /** What {@link Read} produces. */
  public static final class Result implements POutput {
    private static final TupleTag<CsvBatch> BATCHES = new TupleTag<>("batches");
    private static final TupleTag<Reject> REJECTS = new TupleTag<>("rejects");
    private static final TupleTag<Map<String, FeatureType>> TYPES = new TupleTag<>("exactTypes");
    private static final TupleTag<Long> EXAMPLE_COUNT = new TupleTag<>("exampleCount");
    private static final TupleTag<Long> REJECT_COUNT = new TupleTag<>("rejectCount");

    private final Pipeline pipeline;
    private final List<String> columns;
    private final Map<String, FeatureType> used;
    private final Set<String> unseen;
    private final CsvIngest.Result csv;
    private final PCollection<Example> examples;
    private final PCollection<Long> exampleCount;
    private final PCollection<Long> rejectCount;
    private PCollectionView<Map<String, FeatureType>> typesView;

    private Result(Pipeline pipeline, List<String> columns, Map<String, FeatureType> used, Set<String> unseen,
        CsvIngest.Result csv, PCollection<Example> examples, PCollection<Long> exampleCount,
        PCollection<Long> rejectCount) {
      this.pipeline = pipeline;
      this.columns = List.copyOf(columns);
      this.used = Collections.unmodifiableMap(used);
      this.unseen = Set.copyOf(unseen);
      this.csv = csv;
      this.examples = examples;
      this.exampleCount = exampleCount;
      this.rejectCount = rejectCount;
    }

    /**
     * One example per accepted row, typed with {@link #featureTypesUsed()}; features in name order,
     * missing cells absent.
     *
     * @throws IllegalStateException when the transform was built {@link Read#asExampleBatches()}
     */
    public PCollection<Example> examples() {
      if (examples == null) {
        throw new IllegalStateException("CsvExamples not read as tf.Examples: build it without asExampleBatches()"
            + " or asCheckedRowBatches()");
      }
      return examples;
    }

    /**
     * The accepted rows as Arrow batches (one per batch of rows read), typed with
     * {@link #featureTypesUsed()}.
     *
     * @throws IllegalStateException unless the transform was built {@link Read#asExampleBatches()}
     */
    public PCollection<ExampleBatch> exampleBatches() {
      if (csv.arrow() == null) {
        throw new IllegalStateException("CsvExamples not read as Arrow batches: build it asExampleBatches()");
      }
      return csv.arrow();
    }

    /**
     * Every row read, in batches of raw cell text, with file and line numbers.
     *
     * @throws IllegalStateException unless the transform was built {@link Read#asRowBatches()} (a
     *     typed read converts each batch in the step that reads it)
     */
    public PCollection<CsvBatch> rowBatches() {
      if (csv.batches() == null) {
        throw new IllegalStateException("CsvExamples not read as raw row batches: build it asRowBatches()");
      }
      return csv.batches();
    }

    /**
     * The row batches whose values fit {@link #featureTypesUsed()}, unconverted (a batch that does not
     * fit means a rerun with {@link #exactFeatureTypes()}).
     *
     * @throws IllegalStateException unless the transform was built {@link Read#asCheckedRowBatches()}
     */
    public PCollection<CsvBatch> checkedRowBatches() {
      if (csv.checkedRows() == null) {
        throw new IllegalStateException("CsvExamples not read as row batches: build it asCheckedRowBatches()");
      }
      return csv.checkedRows();
    }

    /**
     * The columns that had no value in the sample the types were guessed from (empty when the types
     * were given): guessed BYTES for want of anything better, so a number in them means the guess
     * was wrong.
     */
    public Set<String> columnsUnseenInSample() {
      return unseen;
    }

    /** The types the examples were built with: given, or guessed from a sample. */
    public Map<String, FeatureType> featureTypesUsed() {
      return used;
    }

    /**
     * Each column's type over every row (one element), known once the pipeline has run. When it
     * differs from {@link #featureTypesUsed()}, the output was built with a wrong guess: run again
     * with {@link Read#withFeatureTypes} set to these.
     *
     * @throws IllegalStateException when the transform was built {@link Read#asRowBatches()}
     */
    public PCollection<Map<String, FeatureType>> exactFeatureTypes() {
      if (csv.exactTypes() == null) {
        throw new IllegalStateException("CsvExamples read asRowBatches() computes no exact types");
      }
      return csv.exactTypes();
    }

    /**
     * The exact types as a singleton side input. A step that reads it waits for the whole input to
     * be read (the runner buffers its input meanwhile): prefer {@link #exactFeatureTypes()}.
     */
    public PCollectionView<Map<String, FeatureType>> featureTypes() {
      if (typesView == null) {
        typesView = exactFeatureTypes().apply("TypesView", View.asSingleton());
      }
      return typesView;
    }

    /** Rows that could not be parsed (wrong field count, broken quoting), each with file and line. */
    public PCollection<Reject> rejects() {
      return csv.rejects();
    }

    /** The number of accepted rows, one element. */
    public PCollection<Long> exampleCount() {
      return exampleCount;
    }

    /** The number of rejected rows, one element. */
    public PCollection<Long> rejectCount() {
      return rejectCount;
    }

    /** {@link #featureTypesUsed()} in column (file) order. */
    public List<FeatureType> columnTypes() {
      return List.of(CsvTypes.inOrder(columns, used));
    }

    /** The header's column names, in file order (known when the pipeline is built). */
    public List<String> columns() {
      return columns;
    }

    /** The examples keyed by their file's pre-split name (empty when hash-split). */
    PCollection<KV<String, Example>> keyedExamples() {
      return csv.examples();
    }

    /**
     * The files written when read {@code asSplitFiles()}: (split, (file name, examples)), as each
     * lane is read.
     *
     * @throws IllegalStateException unless the transform was built {@link Read#asSplitFiles}
     */
    public PCollection<KV<String, KV<String, Long>>> splitFiles() {
      if (csv.files() == null) {
        throw new IllegalStateException("CsvExamples not read into split files: build it asSplitFiles(...)");
      }
      return csv.files();
    }

    /**
     * The serialized examples, one element per row batch keyed by its split as {@link #keyedExamples()}
     * are, when read {@code asSerializedExamples()}.
     */
    public PCollection<KV<String, List<byte[]>>> keyedSerializedBatches() {
      return csv.serialized();
    }

    @Override
    public Pipeline getPipeline() {
      return pipeline;
    }

    @Override
    public Map<TupleTag<?>, PValue> expand() {
      Map<TupleTag<?>, PValue> out = new java.util.LinkedHashMap<>();
      if (csv.batches() != null) {
        out.put(BATCHES, csv.batches());
      }
      out.put(REJECTS, csv.rejects());
      if (csv.exactTypes() != null) {
        out.put(TYPES, csv.exactTypes());
      }
      out.put(EXAMPLE_COUNT, exampleCount);
      out.put(REJECT_COUNT, rejectCount);
      return out;
    }

    @Override
    public void finishSpecifyingOutput(String transformName, PInput input,
        PTransform<?, ?> transform) {}
  }
}
