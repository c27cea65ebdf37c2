package io.beamline.examplegen;

import io.beamline.core.InvalidParameterException;
import io.beamline.core.examples.ExampleCoder;
import io.beamline.core.examples.FeatureType;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.transforms.Count;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.Reshuffle;
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
 * CSV files to typed tf.Examples in one read, the ingest ExampleGen runs, as a Beam transform that
 * writes nothing: for a profile of a CSV file ({@code beamline stats --input FILE.csv}) or any
 * pipeline of one's own.
 *
 * <pre>{@code
 * CsvExamples.Result csv = p.apply(CsvExamples.read("data/trips-*.csv").withDelimiter(';'));
 * csv.examples()          // PCollection<Example>, each column's type decided over all rows
 * csv.featureTypes()      // PCollectionView<Map<String, FeatureType>>, singleton side input
 * csv.rejects()           // rows that could not be parsed: file, line, reason, raw text
 * csv.exampleCount(); csv.rejectCount();   // PCollection<Long>, one element each
 * }</pre>
 *
 * <p>The pattern is a file, a directory or a glob, and may hold {@code {SPAN}} and the other span
 * placeholders (the latest span is read); it is matched and each file's header read when the
 * pipeline is built, so a missing or empty file, a header-only file or files with different headers
 * fail then or at run time with the file named. An empty field is a missing value. Rejected rows are
 * only reported: deciding how many are too many is the caller's (ExampleGen fails past
 * {@code --max-reject-fraction}).
 */
public final class CsvExamples {
  private CsvExamples() {}

  /** Reads the CSV files the pattern selects; comma-delimited, RFC 4180 quoting. */
  public static Read read(String filePattern) {
    if (filePattern == null || filePattern.isBlank()) {
      throw new InvalidParameterException("CsvExamples.read: no file pattern given");
    }
    return new Read(filePattern, null, ',');
  }

  /** Reads files already matched (ExampleGen's path: each file carries its pre-split name, if any). */
  static Read readFiles(List<InputFile> files) {
    return new Read(null, List.copyOf(files), ',');
  }

  /** Throws unless {@code delimiter} can separate CSV fields: not a quote, not a line break. */
  static char checkDelimiter(char delimiter) {
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

    private Read(String pattern, List<InputFile> files, char delimiter) {
      this.pattern = pattern;
      this.files = files;
      this.delimiter = delimiter;
    }

    /** The field delimiter, e.g. {@code ';'} or {@code '\t'} (default {@code ','}). */
    public Read withDelimiter(char delimiter) {
      return new Read(pattern, files, checkDelimiter(delimiter));
    }

    @Override
    public Result expand(PBegin input) {
      List<InputFile> inputs = files != null ? files
          : InputFiles.resolve(ExampleGenParameters.defaults().withInput(pattern)).files();
      List<String> header = new CsvRows(delimiter).header(inputs.get(0), delimiter);
      PCollection<InputFile> spread = input
          .apply("InputFiles", Create.of(inputs).withCoder(SerializableCoder.of(InputFile.class)))
          // one file per element, spread so that files are read in parallel
          .apply("SpreadFiles", Reshuffle.viaRandomKey());
      CsvIngest.Result csv = CsvIngest.expand(spread, header, delimiter);
      PCollection<Example> examples = csv.examples()
          .apply("Examples", Values.create()).setCoder(ExampleCoder.of());
      return new Result(input.getPipeline(), header, csv, examples,
          csv.examples().apply("CountExamples", Count.globally()),
          csv.rejects().apply("CountRejects", Count.globally()));
    }
  }

  /** What {@link Read} produces. */
  public static final class Result implements POutput {
    private static final TupleTag<Example> EXAMPLES = new TupleTag<>("examples");
    private static final TupleTag<KV<String, Example>> KEYED = new TupleTag<>("keyedExamples");
    private static final TupleTag<Reject> REJECTS = new TupleTag<>("rejects");
    private static final TupleTag<Map<String, FeatureType>> TYPES = new TupleTag<>("featureTypes");
    private static final TupleTag<Long> EXAMPLE_COUNT = new TupleTag<>("exampleCount");
    private static final TupleTag<Long> REJECT_COUNT = new TupleTag<>("rejectCount");

    private final Pipeline pipeline;
    private final List<String> columns;
    private final CsvIngest.Result csv;
    private final PCollection<Example> examples;
    private final PCollection<Long> exampleCount;
    private final PCollection<Long> rejectCount;

    private Result(Pipeline pipeline, List<String> columns, CsvIngest.Result csv,
        PCollection<Example> examples, PCollection<Long> exampleCount, PCollection<Long> rejectCount) {
      this.pipeline = pipeline;
      this.columns = List.copyOf(columns);
      this.csv = csv;
      this.examples = examples;
      this.exampleCount = exampleCount;
      this.rejectCount = rejectCount;
    }

    /** One example per accepted row; features in column order, missing cells absent. */
    public PCollection<Example> examples() {
      return examples;
    }

    /** Each column's type over the whole input, as a singleton side input. */
    public PCollectionView<Map<String, FeatureType>> featureTypes() {
      return csv.typesView();
    }

    /** Rows that could not be parsed (wrong field count, broken quoting), each with file and line. */
    public PCollection<Reject> rejects() {
      return csv.rejects();
    }

    /** The number of examples (accepted rows), one element. */
    public PCollection<Long> exampleCount() {
      return exampleCount;
    }

    /** The number of rejected rows, one element. */
    public PCollection<Long> rejectCount() {
      return rejectCount;
    }

    /** The header's column names, in file order (known when the pipeline is built). */
    public List<String> columns() {
      return columns;
    }

    /** The examples keyed by their file's pre-split name (empty when hash-split). */
    PCollection<KV<String, Example>> keyedExamples() {
      return csv.examples();
    }

    /** The column types as a one-element collection (for writing them out). */
    PCollection<Map<String, FeatureType>> featureTypeMap() {
      return csv.types();
    }

    @Override
    public Pipeline getPipeline() {
      return pipeline;
    }

    @Override
    public Map<TupleTag<?>, PValue> expand() {
      return Map.of(EXAMPLES, examples, KEYED, csv.examples(), REJECTS, csv.rejects(),
          TYPES, csv.types(), EXAMPLE_COUNT, exampleCount, REJECT_COUNT, rejectCount);
    }

    @Override
    public void finishSpecifyingOutput(String transformName, PInput input,
        PTransform<?, ?> transform) {}
  }
}
