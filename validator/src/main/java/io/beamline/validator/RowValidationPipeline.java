package io.beamline.validator;

import io.beamline.core.component.Elements;
import io.beamline.core.InvalidInputException;
import io.beamline.core.Json;
import io.beamline.core.component.ArtifactUris;
import io.beamline.io.examples.CloseableIterator;
import io.beamline.io.examples.Examples;
import io.beamline.core.examples.ExamplesLayout;
import io.beamline.io.examples.TFRecords;
import io.beamline.core.schema.SchemaText;
import io.beamline.core.statistics.StatisticsJson;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.coders.CustomCoder;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.EmptyMatchTreatment;
import org.apache.beam.sdk.io.fs.MatchResult;
import org.apache.beam.sdk.transforms.Count;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.Keys;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.Reshuffle;
import org.apache.beam.sdk.transforms.Sum;
import org.apache.beam.sdk.transforms.Top;
import org.apache.beam.sdk.transforms.Values;
import org.apache.beam.sdk.transforms.View;
import org.apache.beam.sdk.transforms.WithKeys;
import org.apache.beam.sdk.util.MimeTypes;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.PCollectionView;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.tensorflow.proto.Example;

/**
 * The Beam graph of {@link RowValidator} for one split: payload files -> (per file, read with
 * {@link TFRecords#read} so each example's file and record index are known) row checks -> per
 * (feature, anomaly type) {@link Count#perElement} of the keys and the first N by (file, record) with {@link Top#perKey}
 * -> one writer that emits {@code bad_examples.jsonl} and {@code row_summary.json}. Memory is bounded
 * by N times the number of (feature, anomaly type) pairs, never by the number of bad rows.
 */
final class RowValidationPipeline {
  private static final TupleTag<RowAnomaly> ANOMALIES = new TupleTag<>() {};
  private static final TupleTag<Long> CHECKED = new TupleTag<>() {};
  private static final TupleTag<Long> BAD = new TupleTag<>() {};

  private RowValidationPipeline() {}

  /** Adds the steps for one split to {@code p}. */
  static void addSplit(Pipeline p, String examplesUri, String split, String schemaText, String environment,
      int samplesPerKey, String outputUri) {
    List<String> sources = sources(examplesUri, split);
    PCollectionTuple checked = p.apply("Files[" + split + "]", Elements.of(sources, StringUtf8Coder.of()))
        .apply("Spread[" + split + "]", Reshuffle.viaRandomKey())
        .apply("Check[" + split + "]", ParDo.of(new CheckFileFn(examplesUri, split, schemaText, environment))
            .withOutputTags(ANOMALIES, TupleTagList.of(CHECKED).and(BAD)));
    PCollection<KV<String, RowAnomaly>> byKey = checked.get(ANOMALIES)
        .setCoder(RowAnomalyCoder.INSTANCE)
        .apply("Key[" + split + "]", WithKeys.<String, RowAnomaly>of(RowAnomaly::key).withKeyType(TypeDescriptors.strings()))
        .setCoder(KvCoder.of(StringUtf8Coder.of(), RowAnomalyCoder.INSTANCE));
    PCollectionView<Map<String, Long>> counts = byKey.apply("Keys[" + split + "]", Keys.create())
        .apply("Count[" + split + "]", Count.perElement())
        .apply("CountView[" + split + "]", View.asMap());
    PCollectionView<Iterable<List<RowAnomaly>>> samples = byKey
        .apply("FirstN[" + split + "]", Top.perKey(samplesPerKey, new EarliestFirst()))
        .apply("Samples[" + split + "]", Values.create())
        .apply("SampleView[" + split + "]", View.asIterable());
    PCollectionView<Long> bad = checked.get(BAD)
        .apply("SumBad[" + split + "]", Sum.longsGlobally())
        .apply("BadView[" + split + "]", View.asSingleton());
    checked.get(CHECKED)
        .apply("SumChecked[" + split + "]", Sum.longsGlobally())
        .apply("Write[" + split + "]", ParDo.of(new WriteFn(outputUri, split, samplesPerKey, counts, samples, bad))
            .withSideInputs(counts, samples, bad));
  }

  /**
   * What to read: each TFRecord payload file (one element each, so files are read in parallel), or for
   * Parquet the split itself, read whole with {@link Examples#read} (core has no public per-file Parquet
   * reader): its record indexes then count across the split's files in shard order.
   */
  static List<String> sources(String examplesUri, String split) {
    List<String> files = new ArrayList<>();
    String glob = ArtifactUris.child(ExamplesLayout.splitDir(examplesUri, split), "data_*");
    try {
      for (MatchResult.Metadata m : FileSystems.match(glob, EmptyMatchTreatment.ALLOW).metadata()) {
        files.add(m.resourceId().toString());
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot list " + glob, e);
    }
    List<String> tfrecords = files.stream()
        .filter(f -> name(f).startsWith(ExamplesLayout.TFRECORD_PREFIX + "-")).sorted().toList();
    boolean parquet = files.stream().anyMatch(f -> name(f).startsWith(ExamplesLayout.PARQUET_PREFIX + "-"));
    if (parquet && !tfrecords.isEmpty()) {
      throw new InvalidInputException("Split '" + split + "' of " + examplesUri
          + " mixes TFRecord and Parquet files: expected one format");
    }
    if (parquet) {
      return List.of(parquetSource(examplesUri, split));
    }
    if (tfrecords.isEmpty()) {
      throw new InvalidInputException("Split '" + split + "' of " + examplesUri + " has no payload files: expected "
          + glob.replace("data_*", ExamplesLayout.TFRECORD_PREFIX + "-*") + " or " + ExamplesLayout.PARQUET_PREFIX
          + "-*");
    }
    return tfrecords;
  }

  static String parquetSource(String examplesUri, String split) {
    return ExamplesLayout.splitGlob(examplesUri, split, ExamplesLayout.FORMAT_PARQUET);
  }

  private static String name(String uri) {
    return uri.substring(uri.lastIndexOf('/') + 1);
  }

  /** Reads one source and checks every example; counts examples read and examples with anomalies. */
  static final class CheckFileFn extends DoFn<String, RowAnomaly> {
    private final String examplesUri;
    private final String split;
    private final String schemaText;
    private final String environment;
    private transient RowChecks checks;

    CheckFileFn(String examplesUri, String split, String schemaText, String environment) {
      this.examplesUri = examplesUri;
      this.split = split;
      this.schemaText = schemaText;
      this.environment = environment;
    }

    @Setup
    public void setup() {
      checks = new RowChecks(SchemaText.parse(schemaText), environment);
    }

    @ProcessElement
    public void process(@Element String source, MultiOutputReceiver out) throws IOException {
      long index = 0;
      long bad = 0;
      try (CloseableIterator<Example> examples = open(source)) {
        while (examples.hasNext()) {
          List<RowAnomaly> found = checks.check(examples.next(), split, source, index++);
          if (!found.isEmpty()) {
            bad++;
            found.forEach(a -> out.get(ANOMALIES).output(a));
          }
        }
      }
      out.get(CHECKED).output(index);
      out.get(BAD).output(bad);
    }

    private CloseableIterator<Example> open(String source) throws IOException {
      if (source.equals(parquetSource(examplesUri, split))) {
        return Examples.read(examplesUri, split);
      }
      return Examples.readTfRecordFile(source);
    }
  }

  /** Orders anomalies so that the earliest (file, record) is the greatest: {@link Top} keeps those. */
  static final class EarliestFirst implements Comparator<RowAnomaly>, Serializable {
    private static final long serialVersionUID = 1L;

    @Override
    public int compare(RowAnomaly a, RowAnomaly b) {
      int byFile = b.file().compareTo(a.file());
      return byFile != 0 ? byFile : Long.compare(b.record(), a.record());
    }
  }

  /** Writes both files of one split once every count is in. */
  static final class WriteFn extends DoFn<Long, Void> {
    private final String outputUri;
    private final String split;
    private final int samplesPerKey;
    private final PCollectionView<Map<String, Long>> counts;
    private final PCollectionView<Iterable<List<RowAnomaly>>> samples;
    private final PCollectionView<Long> bad;

    WriteFn(String outputUri, String split, int samplesPerKey, PCollectionView<Map<String, Long>> counts,
        PCollectionView<Iterable<List<RowAnomaly>>> samples, PCollectionView<Long> bad) {
      this.outputUri = outputUri;
      this.split = split;
      this.samplesPerKey = samplesPerKey;
      this.counts = counts;
      this.samples = samples;
      this.bad = bad;
    }

    @ProcessElement
    public void process(@Element Long checked, ProcessContext c) {
      List<RowAnomaly> rows = new ArrayList<>();
      c.sideInput(samples).forEach(rows::addAll);
      rows.sort(Comparator.comparing(RowAnomaly::feature).thenComparing(RowAnomaly::anomalyType)
          .thenComparing(RowAnomaly::file).thenComparingLong(RowAnomaly::record));
      StringBuilder lines = new StringBuilder();
      for (RowAnomaly row : rows) {
        lines.append(Json.write(row)).append('\n');
      }
      List<RowSummary.Count> summary = new ArrayList<>();
      c.sideInput(counts).forEach((key, n) -> {
        int cut = key.indexOf('\0');
        String feature = key.substring(0, cut);
        var type = io.beamline.core.anomalies.AnomalyType.valueOf(key.substring(cut + 1));
        long listed = rows.stream().filter(r -> r.anomalyType() == type && r.feature().equals(feature)).count();
        summary.add(new RowSummary.Count(feature, type, n, listed));
      });
      String dir = ExamplesLayout.splitDir(outputUri, split);
      StatisticsJson.writeText(lines.toString(), ArtifactUris.child(dir, RowValidator.BAD_EXAMPLES_FILE),
          MimeTypes.TEXT);
      RowSummary s = new RowSummary(split, checked, c.sideInput(bad), samplesPerKey, summary);
      StatisticsJson.writeText(Json.writePretty(s), ArtifactUris.child(dir, RowValidator.SUMMARY_FILE),
          MimeTypes.TEXT);
    }
  }

  /** Row anomalies as their JSON line: few cross the shuffle (only bad rows), so clarity beats compactness. */
  static final class RowAnomalyCoder extends CustomCoder<RowAnomaly> {
    static final RowAnomalyCoder INSTANCE = new RowAnomalyCoder();
    private static final StringUtf8Coder TEXT = StringUtf8Coder.of();

    @Override
    public void encode(RowAnomaly value, OutputStream out) throws IOException {
      TEXT.encode(Json.write(value), out);
    }

    @Override
    public RowAnomaly decode(InputStream in) throws IOException {
      return Json.read(TEXT.decode(in), RowAnomaly.class);
    }
  }
}
