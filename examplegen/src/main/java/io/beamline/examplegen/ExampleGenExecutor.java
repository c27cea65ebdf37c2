package io.beamline.examplegen;

import io.beamline.core.component.Elements;
import io.beamline.core.component.PropertyNames;
import io.beamline.io.csv.CsvExamples;
import org.apache.beam.sdk.coders.MapCoder;
import io.beamline.io.csv.Reject;
import io.beamline.io.files.InputFile;
import io.beamline.io.files.InputFiles;
import io.beamline.io.files.InputFormat;
import io.beamline.io.records.ReadRecordsFn;
import io.beamline.io.records.ReadServingJsonFn;
import io.beamline.io.records.ReadTfRecordFn;

import io.beamline.core.BeamlineException;
import io.beamline.core.InvalidInputException;
import io.beamline.io.files.LineFile;
import java.io.IOException;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.EmptyMatchTreatment;
import org.apache.beam.sdk.io.fs.MatchResult;
import org.apache.beam.sdk.io.fs.MoveOptions;
import org.apache.beam.sdk.io.fs.ResourceId;
import io.beamline.core.InvalidParameterException;
import io.beamline.core.component.ArtifactProperties;
import io.beamline.core.component.ArtifactUris;
import io.beamline.core.component.BeamRuns;
import io.beamline.core.component.Executor;
import io.beamline.core.component.ExecutorContext;
import io.beamline.io.examples.ExampleCoder;
import io.beamline.io.examples.ExamplesIO;
import io.beamline.core.examples.ExamplesLayout;
import io.beamline.core.examples.FeatureType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTagList;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.coders.ListCoder;
import org.apache.beam.sdk.coders.ByteArrayCoder;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.transforms.Combine;
import org.apache.beam.sdk.transforms.Count;
import org.apache.beam.sdk.transforms.FlatMapElements;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.Reshuffle;
import org.apache.beam.sdk.transforms.View;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.PCollectionView;
import org.apache.beam.sdk.values.TypeDescriptor;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.apache.beam.sdk.transforms.Filter;
import org.apache.beam.sdk.transforms.Values;
import io.beamline.io.examples.SplitFiles;
import org.tensorflow.proto.Example;

/**
 * ExampleGen's executor: matches the input files once, then one Beam pipeline reads them (one file
 * per element, CSV files in checkpointable batches), types the examples, splits, writes each split in
 * TFX's layout and writes the rejects; finally checks the reject fraction.
 *
 * <p>CSV types are guessed from a sample when the pipeline is built and checked against the exact
 * types the same pass computes (see {@link CsvExamples}): one pass when the sample predicts the
 * types, two when it does not, the first attempt's outputs being deleted before the second (they are
 * in the run's staging directories, never published).
 */
final class ExampleGenExecutor implements Executor<ExampleGenParameters> {
  /**
   * Batches (of 1,024 rows) the CSV reader emits between checkpoints. Fewer cost speed and make
   * smaller output files (2 a call: x100 in 22.4 s instead of 8.3 s); more hold more in memory on the
   * DirectRunner, which keeps each call's output until the next steps take it: there the files are
   * read in a few lanes ({@code CsvExamples.directLanes}), so what waits is lanes x this many batches
   * however many files there are (1,000 files once ran a 1 GiB heap into back-to-back collections,
   * when each file was read on its own).
   */
  static final int EXAMPLE_BATCHES_PER_CALL = 32;

  private final int sampleRows;

  ExampleGenExecutor(int sampleRows) {
    this.sampleRows = sampleRows;
  }

  @Override
  public Map<String, ArtifactProperties> execute(ExecutorContext<ExampleGenParameters> context) {
    ExampleGenParameters params = context.parameters();
    String examplesUri = context.outputUri(ExampleGen.EXAMPLES);
    String rejectsUri = context.outputUri(ExampleGen.REJECTS);
    InputFiles inputs = params.resolveInputs();
    InputFormat format = format(params.format(), inputs.files());
    List<String> splitNames = params.splitNames();

    Map<String, FeatureType> given = null;
    int passes = 0;
    IngestSummary summary;
    while (true) {
      passes++;
      Map<String, FeatureType> used = runPipeline(context, inputs, format, given);
      summary = IngestSummary.read(rejectsUri);
      if (used == null || summary.featureTypes().equals(used)) {
        break;
      }
      if (passes > 1) {
        throw new IllegalStateException("CSV types given as " + used + " but read as "
            + summary.featureTypes());
      }
      // the sample mispredicted a type: discard this attempt and read again with the exact types
      clear(examplesUri);
      clear(rejectsUri);
      given = summary.featureTypes();
    }
    checkRejects(summary, params.maxRejectFraction(), rejectsUri);
    if (!params.partitionFeature().isEmpty()
        && !summary.featureTypes().containsKey(params.partitionFeature())) {
      throw new InvalidParameterException("Partition feature '" + params.partitionFeature()
          + "' is in no example; features are " + summary.featureTypes().keySet());
    }

    Map<String, Object> counts = new LinkedHashMap<>();
    for (String s : splitNames) {
      counts.put(s, summary.splitCounts().getOrDefault(s, 0L));
    }
    Map<String, Object> typeNames = new LinkedHashMap<>();
    summary.featureTypes().forEach((k, v) -> typeNames.put(k, v.name()));
    ArtifactProperties props = ArtifactProperties.empty()
        .with(PropertyNames.SPLIT_NAMES, splitNames)
        .with(PropertyNames.SPLIT_COUNTS, counts)
        .with(PropertyNames.SPAN, inputs.span())
        .with(PropertyNames.FEATURE_TYPES, typeNames)
        .with(PropertyNames.PAYLOAD_FORMAT, params.outputFormat())
        .with(PropertyNames.INPUT_FINGERPRINT, inputs.fingerprint());
    if (inputs.version() != null) {
      props = props.with(PropertyNames.VERSION, inputs.version());
    }
    ArtifactProperties rejectProps = ArtifactProperties.empty()
        .with(PropertyNames.REJECT_COUNT, summary.rejects())
        .with(PropertyNames.ROW_COUNT, summary.rejects() + summary.examples())
        .with(PropertyNames.READ_PASSES, passes);
    return Map.of(ExampleGen.EXAMPLES, props, ExampleGen.REJECTS, rejectProps);
  }

  /**
   * Builds and runs one pipeline; returns the CSV types the examples were built with (given, or
   * guessed from a sample), or null for typed (non-CSV) input.
   */
  private Map<String, FeatureType> runPipeline(ExecutorContext<ExampleGenParameters> context,
      InputFiles inputs, InputFormat format, Map<String, FeatureType> given) {
    ExampleGenParameters params = context.parameters();
    String examplesUri = context.outputUri(ExampleGen.EXAMPLES);
    String rejectsUri = context.outputUri(ExampleGen.REJECTS);
    List<String> splitNames = params.splitNames();
    Pipeline p = Pipeline.create(context.options());
    // Examples travel serialized (deterministic bytes): the split hash and the writer need the bytes
    // anyway, and the runner holds compact arrays between steps rather than example objects.
    List<Integer> buckets = params.splitInputs().isEmpty()
        ? params.splits().stream().map(SplitBuckets::buckets).toList() : List.of();
    SplitAssigner assigner = new SplitAssigner(splitNames, buckets, params.partitionFeature());
    List<PCollection<KV<String, Long>>> facts = new ArrayList<>();
    PCollection<KV<String, List<byte[]>>> examples = null; // unless written where they are made
    PCollection<Reject> rejects;
    PCollection<Long> rejectCount;
    PCollection<Map<String, FeatureType>> types;
    Map<String, FeatureType> used = null;
    PCollectionView<Map<String, FeatureType>> typesView = null;
    if (format == InputFormat.CSV) {
      // the same transform a CSV profile uses (CsvExamples.read), here over the files matched above.
      // With the runner's sharding the step that reads and converts the rows also routes and writes
      // them (a file per lane and split): it hands on file names, not examples (see SplitFiles).
      // Otherwise it checkpoints every few batches (EXAMPLE_BATCHES_PER_CALL): the DirectRunner holds
      // each bundle's output whole. Examples travel serialized (~300 bytes a row; as tf.Example
      // objects they took ~3.5 KB, and bundles had to be 8k rows): 32k-row bundles fit.
      boolean writeWhereMade = params.numShards() == 0;
      CsvExamples.Read read = CsvExamples.readFiles(inputs.files())
          .withDelimiter(params.delimiter().charAt(0)).withSampleRows(sampleRows)
          .withBatching(CsvExamples.DEFAULT_BATCH_ROWS, EXAMPLE_BATCHES_PER_CALL);
      read = writeWhereMade
          ? read.asSplitFiles(new SplitFiles(examplesUri, splitNames, params.outputFormat(),
              ExamplesIO.DEFAULT_GZIP_LEVEL, assigner))
          : read.asSerializedExamples();
      CsvExamples.Result csv = p.apply("ReadCsv", given == null ? read : read.withFeatureTypes(given));
      if (!params.partitionFeature().isEmpty() && !csv.columns().contains(params.partitionFeature())) {
        throw new InvalidParameterException("Partition feature '" + params.partitionFeature()
            + "' is not a column of " + inputs.files().get(0).path() + "; columns are " + csv.columns());
      }
      rejects = csv.rejects();
      rejectCount = csv.rejectCount();
      types = csv.exactFeatureTypes();
      used = csv.featureTypesUsed();
      if (writeWhereMade) {
        PCollection<KV<String, KV<String, Long>>> files = csv.splitFiles();
        for (String split : splitNames) {
          PCollection<KV<String, Long>> own = files
              .apply("Files[" + split + "]", Filter.by(f -> f.getKey().equals(split)))
              .apply("Named[" + split + "]", Values.create());
          facts.add(fact(split, splitWrite(examplesUri, split, params, used, null)
              .commitBundleFiles(own)));
        }
      } else {
        examples = csv.keyedSerializedBatches();
      }
    } else {
      PCollection<InputFile> files = p
          .apply("InputFiles", Elements.of(inputs.files(), SerializableCoder.of(InputFile.class)))
          .apply("SpreadFiles", Reshuffle.viaRandomKey());
      PCollection<KV<String, Example>> typed = files
          .apply("Read" + format, reader(format))
          .setCoder(KvCoder.of(StringUtf8Coder.of(), ExampleCoder.of()));
      types = typed.apply("FeatureTypes", Combine.globally(new ExampleTypes.KindsFn()))
          .setCoder(MapCoder.of(StringUtf8Coder.of(), SerializableCoder.of(FeatureType.class)));
      typesView = types.apply("FeatureTypesView", View.asSingleton());
      PCollectionView<Map<String, FeatureType>> view = typesView;
      examples = typed.apply("ConformTypes", ParDo.of(new ExampleTypes.ConformFn(view)).withSideInputs(view))
          .setCoder(KvCoder.of(StringUtf8Coder.of(), ExampleCoder.of()))
          .apply("Serialize", MapElements.into(new TypeDescriptor<KV<String, List<byte[]>>>() {})
              .via(kv -> KV.of(kv.getKey(), List.of(ExampleCoder.serialize(kv.getValue())))))
          .setCoder(KvCoder.of(StringUtf8Coder.of(), ListCoder.of(ByteArrayCoder.of())));
      rejects = p.apply("NoRejects", Elements.of(List.of(), SerializableCoder.of(Reject.class)));
      rejectCount = rejects.apply("CountRejects", Count.globally());
    }

    rejects.apply("RejectsJson", MapElements.into(TypeDescriptors.strings()).via(Reject::toJsonLine))
        .apply("WriteRejects", LineFile.to(ArtifactUris.child(rejectsUri, "rejects.jsonl")));

    if (examples != null) {
      List<TupleTag<List<byte[]>>> splitTags = new ArrayList<>();
      for (int i = 0; i < splitNames.size(); i++) {
        splitTags.add(new TupleTag<>("split-" + i)); // not anonymous: it would capture this executor
      }
      PCollectionTuple bySplit = examples.apply("Split", ParDo.of(new SplitBatchesFn(assigner, splitTags))
          .withOutputTags(splitTags.get(0), TupleTagList.of(new ArrayList<>(splitTags.subList(1, splitTags.size())))));
      for (int i = 0; i < splitNames.size(); i++) {
        String split = splitNames.get(i);
        PCollection<List<byte[]>> splitExamples = bySplit.get(splitTags.get(i)).setCoder(ListCoder.of(ByteArrayCoder.of()));
        // the count comes from the writer, so the split is read once
        facts.add(fact(split, splitExamples.apply("Write[" + split + "]",
            splitWrite(examplesUri, split, params, used, typesView).serializedBatches())));
      }
    }
    facts.add(rejectCount.apply("FactRejects", MapElements.into(facts()).via(n -> KV.of("rejects", n))));
    facts.add(types.apply("FactTypes", FlatMapElements.into(facts()).via(m -> {
      List<KV<String, Long>> out = new ArrayList<>();
      m.forEach((name, t) -> out.add(KV.of("type:" + name, (long) t.ordinal())));
      return out;
    })));
    IngestSummary.write(PCollectionList.of(facts), rejectsUri);

    BeamRuns.runToCompletion(p);
    return used;
  }

  /** Deletes every file under {@code dir} (an attempt's outputs, still in staging). */
  private static void clear(String dir) {
    try {
      List<ResourceId> files = new ArrayList<>();
      for (MatchResult.Metadata m : FileSystems.match(ArtifactUris.childGlob(dir, "**"),
          EmptyMatchTreatment.ALLOW).metadata()) {
        files.add(m.resourceId());
      }
      FileSystems.delete(files, MoveOptions.StandardMoveOptions.IGNORE_MISSING_FILES);
    } catch (IOException e) {
      throw new BeamlineException("Cannot delete the first attempt's outputs under " + dir + ": "
          + e.getMessage(), e);
    }
  }

  /** A split's example count as a fact of the ingest summary. */
  private static PCollection<KV<String, Long>> fact(String split, PCollection<Long> count) {
    return count.apply("Fact[" + split + "]", MapElements.into(facts()).via(n -> KV.of("split:" + split, n)));
  }

  private static TypeDescriptor<KV<String, Long>> facts() {
    return TypeDescriptors.kvs(TypeDescriptors.strings(), TypeDescriptors.longs());
  }

  /** Fails, after the rejects are written, when more rows were rejected than allowed. */
  static void checkRejects(IngestSummary summary, double maxFraction, String rejectsUri) {
    long total = summary.rejects() + summary.examples();
    if (summary.rejects() == 0 || total == 0) {
      return;
    }
    double fraction = (double) summary.rejects() / total;
    if (fraction > maxFraction) {
      throw new InvalidInputException(String.format(java.util.Locale.ROOT,
          "%d of %d input rows were rejected (fraction %.6f), more than the allowed %s"
              + " (--max-reject-fraction); nothing was published. Each rejected row (file, line,"
              + " reason, raw text) is in %s",
          summary.rejects(), total, fraction, maxFraction, ArtifactUris.child(rejectsUri, "rejects.jsonl")));
    }
  }

  private static ParDo.SingleOutput<InputFile, KV<String, Example>> reader(InputFormat format) {
    return switch (format) {
      case TFRECORD -> ParDo.of(new ReadTfRecordFn());
      case JSON -> ParDo.of(new ReadServingJsonFn());
      default -> ParDo.of(new ReadRecordsFn(format));
    };
  }

  private static InputFormat format(InputFormat given, List<InputFile> files) {
    if (given != InputFormat.AUTO) {
      return given;
    }
    Set<InputFormat> seen = new TreeSet<>();
    for (InputFile f : files) {
      InputFormat detected = InputFormat.fromFileName(f.path());
      if (detected == InputFormat.AUTO) {
        throw new InvalidParameterException("Cannot tell the format of input file " + f.path()
            + " from its name; give the format (csv, parquet, avro, tfrecord or json)");
      }
      seen.add(detected);
    }
    if (seen.size() > 1) {
      throw new InvalidParameterException("Input files are of several formats " + seen
          + "; give one input format, or input files of one format");
    }
    return seen.iterator().next();
  }

  /**
   * Writes one split with core's shared Examples writer: gzip'd TFRecord, or Parquet whose columns
   * are the CSV types the examples were built with, or for typed input the types inferred in this
   * same pipeline (a side input, as they are known only once read).
   */
  private static ExamplesIO.Write splitWrite(String examplesUri, String split,
      ExampleGenParameters params, Map<String, FeatureType> types,
      PCollectionView<Map<String, FeatureType>> typesView) {
    ExamplesIO.Write write = ExamplesIO.write(examplesUri, split).withNumShards(params.numShards());
    if (params.outputFormat().equals(ExamplesLayout.FORMAT_PARQUET)) {
      write = write.withFormat(ExamplesLayout.FORMAT_PARQUET);
      write = types != null ? write.withFeatureTypes(types) : write.withFeatureTypes(typesView);
    }
    return write;
  }
}
