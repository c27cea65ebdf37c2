package io.beamline.io.csv;

import io.beamline.io.examples.ExampleWire;

import com.google.protobuf.UnsafeByteOperations;
import io.beamline.io.examples.ExampleBatch;
import io.beamline.io.examples.ExampleBatchCoder;
import io.beamline.io.examples.ExampleCoder;
import io.beamline.io.examples.SplitFiles;
import java.io.IOException;
import io.beamline.core.examples.FeatureType;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;
import java.util.Map;
import org.apache.beam.sdk.coders.ByteArrayCoder;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.ListCoder;
import org.apache.beam.sdk.coders.MapCoder;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarIntCoder;
import org.apache.beam.sdk.coders.VarLongCoder;
import org.apache.beam.sdk.transforms.Combine;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.Sum;
import org.apache.beam.sdk.transforms.Values;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;
import org.apache.beam.sdk.values.TypeDescriptor;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.tensorflow.proto.BytesList;
import org.tensorflow.proto.Example;
import org.tensorflow.proto.Feature;
import org.tensorflow.proto.Features;
import org.tensorflow.proto.FloatList;
import org.tensorflow.proto.Int64List;

/**
 * CSV to typed rows in one read, streaming: each file is read in batches of rows (and rejects); each
 * batch becomes examples (or one Arrow batch) with the column types given up front (a guess from a
 * sample), and the same step reports the batch's exact value kinds, combined over all rows into the
 * exact types. No step waits for the whole input: the exact types are a result to compare with the
 * guess after the run, not a side input. A batch whose values do not fit the guessed types is not
 * converted: the exact types then differ from the guess and the caller reruns with them.
 */
final class CsvIngest {
  static final TupleTag<KV<String, Example>> EXAMPLES = new TupleTag<>() {};
  static final TupleTag<KV<String, List<byte[]>>> SERIALIZED = new TupleTag<>() {};
  static final TupleTag<ExampleBatch> ARROW = new TupleTag<>() {};
  static final TupleTag<CsvBatch> ROWS = new TupleTag<>() {};
  /** Files written where the examples were made ({@link SplitFiles}): (split, (file name, examples)). */
  static final TupleTag<KV<String, KV<String, Long>>> FILES = new TupleTag<>() {};
  /** Each batch's row count and value kinds ({@link CsvTypes#kinds}). */
  static final TupleTag<KV<Integer, byte[]>> KINDS = new TupleTag<>() {};
  static final Coder<Map<String, FeatureType>> TYPES_CODER =
      MapCoder.of(StringUtf8Coder.of(), SerializableCoder.of(FeatureType.class));

  private CsvIngest() {}

  /**
   * What the CSV step produces: one of the raw batches ({@link Output#RAW}), examples keyed by split,
   * serialized examples, Arrow batches or checked row batches (the others are null); the rejects; the
   * exact types (one element; null for {@link Output#RAW}); and the number of accepted rows (one
   * element).
   */
  record Result(PCollection<CsvBatch> batches, PCollection<KV<String, Example>> examples,
      PCollection<KV<String, List<byte[]>>> serialized,
      PCollection<ExampleBatch> arrow, PCollection<CsvBatch> checkedRows,
      PCollection<KV<String, KV<String, Long>>> files, PCollection<Reject> rejects,
      PCollection<Map<String, FeatureType>> exactTypes, PCollection<Long> rowCount) {}

  /** What the typed step makes of each row batch. */
  enum Output { EXAMPLES, SERIALIZED, ARROW, ROWS, FILES, RAW }

  static Result expand(PCollection<CsvLane> lanes, List<String> header, char delimiter,
      Map<String, FeatureType> types, Output output, SplitFiles splitFiles, int batchRows, int batchesPerCall) {
    if (output == Output.RAW) {
      PCollectionTuple read = lanes.apply("ParseCsv",
          ParDo.of(ReadCsvBatchesFn.rows(header, delimiter, batchRows, batchesPerCall))
              .withOutputTags(ReadCsvBatchesFn.BATCHES, TupleTagList.of(ReadCsvBatchesFn.REJECTS)));
      PCollection<CsvBatch> batches = read.get(ReadCsvBatchesFn.BATCHES).setCoder(CsvBatch.Coder.of());
      PCollection<Long> rows = batches
          .apply("BatchRows", MapElements.into(TypeDescriptors.longs()).via(b -> (long) b.rowCount()))
          .apply("CountRows", Sum.longsGlobally());
      return new Result(batches, null, null, null, null, null, rejects(read), null, rows);
    }
    // Read and convert in one step (see ReadCsvBatchesFn): each batch's row count and value kinds
    // leave it as a small element of their own, so nothing else reads the (big) main output.
    FeatureType[] ordered = CsvTypes.inOrder(header, types);
    ReadCsvBatchesFn.BatchStep<?> step = switch (output) {
      case ARROW -> new ToArrow(header, ordered);
      case ROWS -> new CheckKinds(ordered);
      case EXAMPLES -> new ToExamples(header, ordered);
      case SERIALIZED -> new ToSerializedExamples(header, ordered);
      case FILES -> new WriteSplitFiles(header, ordered, splitFiles);
      case RAW -> throw new IllegalStateException("unreachable: handled above");
    };
    PCollectionTuple typed = readAndConvert(lanes, header, delimiter, batchRows, batchesPerCall, step);
    PCollection<KV<Integer, byte[]>> kinds = typed.get(KINDS)
        .setCoder(KvCoder.of(VarIntCoder.of(), ByteArrayCoder.of()));
    PCollection<Map<String, FeatureType>> exact = kinds
        .apply("BatchKinds", Values.create())
        .apply("ExactColumnTypes", Combine.globally(new CsvTypes.KindsFn(header.size())))
        .apply("NameTypes", MapElements.into(new TypeDescriptor<Map<String, FeatureType>>() {})
            .via(k -> CsvTypes.named(header, k)))
        .setCoder(TYPES_CODER);
    PCollection<Long> rows = kinds
        .apply("BatchRows", MapElements.into(TypeDescriptors.longs()).via(kv -> (long) kv.getKey()))
        .apply("CountRows", Sum.longsGlobally());
    PCollection<KV<String, Example>> examples = output != Output.EXAMPLES ? null : typed.get(EXAMPLES)
        .setCoder(KvCoder.of(StringUtf8Coder.of(), ExampleCoder.of()));
    PCollection<KV<String, List<byte[]>>> serialized = output != Output.SERIALIZED ? null : typed.get(SERIALIZED)
        .setCoder(KvCoder.of(StringUtf8Coder.of(), ListCoder.of(ByteArrayCoder.of())));
    PCollection<ExampleBatch> batchesOut = output != Output.ARROW ? null
        : typed.get(ARROW).setCoder(ExampleBatchCoder.of());
    PCollection<CsvBatch> checked = output != Output.ROWS ? null : typed.get(ROWS).setCoder(CsvBatch.Coder.of());
    PCollection<KV<String, KV<String, Long>>> files = output != Output.FILES ? null : typed.get(FILES)
        .setCoder(KvCoder.of(StringUtf8Coder.of(), KvCoder.of(StringUtf8Coder.of(), VarLongCoder.of())));
    return new Result(null, examples, serialized, batchesOut, checked, files, rejects(typed), exact, rows);
  }

  private static <T> PCollectionTuple readAndConvert(PCollection<CsvLane> lanes, List<String> header,
      char delimiter, int batchRows, int batchesPerCall, ReadCsvBatchesFn.BatchStep<T> step) {
    TupleTagList others = TupleTagList.of(ReadCsvBatchesFn.REJECTS).and(KINDS);
    if (step.readsLanesWhole()) {
      return lanes.apply("ParseCsv", ParDo.of(new ReadCsvLaneFn<>(header, delimiter, batchRows, step))
          .withOutputTags(step.mainOutput(), others));
    }
    return lanes.apply("ParseCsv",
        ParDo.of(new ReadCsvBatchesFn<>(header, delimiter, batchRows, batchesPerCall, step))
            .withOutputTags(step.mainOutput(), others));
  }

  /** Each column's type by name. */
  private static Map<String, FeatureType> typeMap(List<String> header, FeatureType[] types) {
    Map<String, FeatureType> m = new HashMap<>();
    for (int i = 0; i < types.length; i++) {
      m.put(header.get(i), types[i]);
    }
    return Map.copyOf(m);
  }

  private static PCollection<Reject> rejects(PCollectionTuple read) {
    return read.get(ReadCsvBatchesFn.REJECTS).setCoder(SerializableCoder.of(Reject.class));
  }

  /**
   * Sends the batch's value kinds to {@link #KINDS} (combined into the exact types) and says whether
   * its values fit {@code types}: when not, the guess was wrong and the caller's output for the batch
   * is left out (a rerun with the exact types follows).
   */
  static boolean reportKinds(CsvBatch batch, FeatureType[] types, DoFn.MultiOutputReceiver out) {
    byte[] kinds = CsvTypes.kinds(batch);
    out.get(KINDS).output(KV.of(batch.rowCount(), kinds));
    return CsvTypes.fits(kinds, types);
  }

  /**
   * {@link #convert}, with the batch's row count and value kinds sent to {@link #KINDS}: the
   * converted rows, or null when they do not fit the types (a rerun with the exact types follows).
   */
  static <T> List<T> convertReportingKinds(CsvBatch batch, FeatureType[] types, IntFunction<T> rowConverter,
      DoFn.MultiOutputReceiver out) {
    Converted<T> converted = convert(batch, types, rowConverter);
    out.get(KINDS).output(KV.of(batch.rowCount(), converted.kinds()));
    return converted.rows();
  }

  /**
   * A batch's rows converted, or null when its values do not fit the column types (the guess was
   * wrong: the batch's output is left out and a rerun with the exact types follows); and the batch's
   * value kinds, for {@link #KINDS}, either way.
   */
  record Converted<T>(List<T> rows, byte[] kinds) {}

  /**
   * Converts every row of the batch with {@code rowConverter}, which parses every INT and FLOAT cell
   * with its column's type. The kinds come mostly from that parse ({@link CsvTypes#kindsBeforeParse}):
   * a cell is classified once, not scanned a second time.
   */
  static <T> Converted<T> convert(CsvBatch batch, FeatureType[] types, IntFunction<T> rowConverter) {
    byte[] kinds = CsvTypes.kindsBeforeParse(batch, types);
    if (kinds != null) {
      List<T> rows = new ArrayList<>(batch.rowCount());
      try {
        for (int r = 0; r < batch.rowCount(); r++) {
          rows.add(rowConverter.apply(r));
        }
        return new Converted<>(rows, kinds);
      } catch (NumberFormatException notFitting) {
        // a cell past its column's scan does not fit: the whole batch's kinds say which
      }
    }
    return new Converted<>(null, CsvTypes.kinds(batch));
  }

  /**
   * Passes on the row batches whose values fit the column types, untouched, for a consumer that
   * converts them itself in the same step; reports each batch's value kinds.
   */
  static final class CheckKinds implements ReadCsvBatchesFn.BatchStep<CsvBatch> {
    private final FeatureType[] types;

    CheckKinds(FeatureType[] types) {
      this.types = types.clone();
    }

    @Override
    public TupleTag<CsvBatch> mainOutput() {
      return ROWS;
    }

    @Override
    public void accept(CsvBatch batch, DoFn.MultiOutputReceiver out) {
      if (reportKinds(batch, types, out)) {
        out.get(ROWS).output(batch);
      }
    }
  }

  /**
   * Writes each row as a serialized tf.Example (deterministic bytes) straight from the cells
   * ({@link ExampleWire}), never building the example, and hands a batch's examples on as one
   * element keyed by the batch's split; reports each batch's value kinds.
   */
  static final class ToSerializedExamples implements ReadCsvBatchesFn.BatchStep<KV<String, List<byte[]>>> {
    private final List<String> header;
    private final FeatureType[] types;
    private transient ExampleWire wire;

    ToSerializedExamples(List<String> header, FeatureType[] types) {
      this.header = List.copyOf(header);
      this.types = types.clone();
    }

    @Override
    public TupleTag<KV<String, List<byte[]>>> mainOutput() {
      return SERIALIZED;
    }

    @Override
    public void setup() {
      wire = new ExampleWire(header, types);
    }

    @Override
    public void accept(CsvBatch batch, DoFn.MultiOutputReceiver out) {
      List<byte[]> examples = convertReportingKinds(batch, types, r -> wire.row(batch, r), out);
      if (examples != null) {
        out.get(SERIALIZED).output(KV.of(batch.split(), examples));
      }
    }
  }

  /**
   * Writes each row as a serialized tf.Example ({@link ExampleWire}) straight into its split's file
   * ({@link SplitFiles}), a file per lane and split; hands on each batch's value kinds, and the
   * files with their example counts once the lane is read.
   */
  static final class WriteSplitFiles implements ReadCsvBatchesFn.BatchStep<KV<String, KV<String, Long>>> {
    private final List<String> header;
    private final FeatureType[] types;
    private final SplitFiles files;
    private final Map<String, FeatureType> typeMap;
    private transient ExampleWire wire;
    private transient SplitFiles.Writer writer;

    WriteSplitFiles(List<String> header, FeatureType[] types, SplitFiles files) {
      this.header = List.copyOf(header);
      this.types = types.clone();
      this.files = files;
      this.typeMap = typeMap(header, types);
    }

    @Override
    public TupleTag<KV<String, KV<String, Long>>> mainOutput() {
      return FILES;
    }

    /** What it hands on is small (file names), so nothing need bound a call: see ReadCsvLaneFn. */
    @Override
    public boolean readsLanesWhole() {
      return true;
    }

    @Override
    public void setup() {
      wire = new ExampleWire(header, types);
    }

    @Override
    public void accept(CsvBatch batch, DoFn.MultiOutputReceiver out) throws IOException {
      List<byte[]> examples = convertReportingKinds(batch, types, r -> wire.row(batch, r), out);
      if (examples == null) {
        return;
      }
      if (writer == null) {
        writer = files.writer(typeMap);
      }
      for (byte[] example : examples) {
        writer.write(batch.split(), example);
      }
    }

    @Override
    public void finish(DoFn.MultiOutputReceiver out) throws IOException {
      if (writer == null) {
        return;
      }
      SplitFiles.Writer done = writer;
      writer = null;
      for (KV<String, KV<String, Long>> file : done.finish()) {
        out.get(FILES).output(file);
      }
    }

    @Override
    public void abort() {
      if (writer != null) {
        writer.discard();
        writer = null;
      }
    }
  }

  /** Builds each row's example with the given column types; reports each batch's value kinds. */
  static final class ToExamples implements ReadCsvBatchesFn.BatchStep<KV<String, Example>> {
    private final List<String> header;
    private final FeatureType[] types;
    private final int[] order;

    ToExamples(List<String> header, FeatureType[] types) {
      this.header = List.copyOf(header);
      this.types = types.clone();
      // features go into the example in name order, so every example serializes the same way
      this.order = ExampleWire.keyOrder(header);
    }

    @Override
    public TupleTag<KV<String, Example>> mainOutput() {
      return EXAMPLES;
    }

    @Override
    public void accept(CsvBatch batch, DoFn.MultiOutputReceiver out) {
      List<Example> examples = convertReportingKinds(batch, types, r -> example(batch, r), out);
      if (examples != null) {
        for (Example example : examples) {
          out.get(EXAMPLES).output(KV.of(batch.split(), example));
        }
      }
    }

    private Example example(CsvBatch batch, int r) {
      Features.Builder features = Features.newBuilder();
      for (int i : order) {
        if (!batch.isMissing(i, r)) {
          features.putFeature(header.get(i), feature(types[i], batch, i, r));
        }
      }
      return Example.newBuilder().setFeatures(features).build();
    }

    /** Cell (c, r) of {@code batch} as a feature of the type; a cell that does not fit it fails the parse. */
    static Feature feature(FeatureType type, CsvBatch batch, int c, int r) {
      return switch (type) {
        case INT -> Feature.newBuilder().setInt64List(Int64List.newBuilder().addValue(batch.longAt(c, r))).build();
        case FLOAT -> Feature.newBuilder().setFloatList(FloatList.newBuilder().addValue(batch.floatAt(c, r))).build();
        // bytesAt gives a fresh copy: the ByteString may wrap it without a second one
        case BYTES -> Feature.newBuilder().setBytesList(BytesList.newBuilder()
            .addValue(UnsafeByteOperations.unsafeWrap(batch.bytesAt(c, r)))).build();
      };
    }
  }

  /** Builds one Arrow batch per row batch with the given column types; reports value kinds. */
  static final class ToArrow implements ReadCsvBatchesFn.BatchStep<ExampleBatch> {
    private final List<String> header;
    private final FeatureType[] types;
    private final Map<String, FeatureType> typeMap;

    ToArrow(List<String> header, FeatureType[] types) {
      this.header = List.copyOf(header);
      this.types = types.clone();
      this.typeMap = typeMap(header, types);
    }

    @Override
    public TupleTag<ExampleBatch> mainOutput() {
      return ARROW;
    }

    @Override
    public void accept(CsvBatch batch, DoFn.MultiOutputReceiver out) {
      if (!reportKinds(batch, types, out)) {
        return; // the guess was wrong: this attempt's output is discarded, a rerun follows
      }
      String[][] cells = batch.columns();
      for (int i = 0; i < types.length; i++) {
        if (types[i] == FeatureType.FLOAT) {
          javaSpellings(cells[i]);
        }
      }
      Map<String, String[]> columns = new HashMap<>();
      for (int i = 0; i < header.size(); i++) {
        columns.put(header.get(i), cells[i]);
      }
      out.get(ARROW).output(ExampleBatch.fromTextColumns(typeMap, columns, batch.rowCount()));
    }

    /**
     * Rewrites NaN and the infinities of a FLOAT column ({@code nan}, {@code -inf}, ...: type
     * inference's spellings) as Java's ({@code NaN}, {@code -Infinity}), the ones
     * {@link Float#parseFloat} reads, so the Arrow batch holds the same floats as the examples.
     */
    private static void javaSpellings(String[] cells) {
      for (int r = 0; r < cells.length; r++) {
        String v = cells[r];
        if (v == null || v.isEmpty() || Character.isDigit(v.charAt(v.length() - 1)) || v.endsWith(".")) {
          continue; // a decimal: the common case, decided without a look at the rest
        }
        byte[] b = v.getBytes(StandardCharsets.ISO_8859_1);
        switch (ValueKinds.special(b, 0, b.length)) {
          case ValueKinds.NAN -> cells[r] = "NaN";
          case ValueKinds.POS_INF -> cells[r] = "Infinity";
          case ValueKinds.NEG_INF -> cells[r] = "-Infinity";
          default -> { }
        }
      }
    }
  }
}
