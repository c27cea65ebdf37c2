package io.beamline.examplegen;

import com.google.protobuf.ByteString;
import io.beamline.core.InvalidInputException;
import io.beamline.core.examples.ExampleCoder;
import io.beamline.core.examples.FeatureType;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.coders.ByteArrayCoder;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.CoderRegistry;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.ListCoder;
import org.apache.beam.sdk.coders.MapCoder;
import org.apache.beam.sdk.coders.NullableCoder;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.transforms.Combine;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.PCollectionView;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;
import org.apache.beam.sdk.transforms.View;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.values.TypeDescriptor;
import org.tensorflow.proto.BytesList;
import org.tensorflow.proto.Example;
import org.tensorflow.proto.Feature;
import org.tensorflow.proto.Features;
import org.tensorflow.proto.FloatList;
import org.tensorflow.proto.Int64List;

/**
 * CSV to tf.Example in one read: each file is streamed once into rows of raw values (and rejects);
 * the column types are combined over all rows (INT, then FLOAT, then BYTES, whichever every value
 * fits); the rows become examples with the final types, given to them as a side input.
 */
final class CsvIngest {
  static final TupleTag<KV<String, List<String>>> ROWS = new TupleTag<>() {};
  static final TupleTag<Reject> REJECTS = new TupleTag<>() {};
  static final Coder<KV<String, List<String>>> ROW_CODER =
      KvCoder.of(StringUtf8Coder.of(), ListCoder.of(NullableCoder.of(StringUtf8Coder.of())));
  static final Coder<Map<String, FeatureType>> TYPES_CODER =
      MapCoder.of(StringUtf8Coder.of(), SerializableCoder.of(FeatureType.class));

  private CsvIngest() {}

  /** What the CSV step produces: examples keyed by split, rejects, the types and their view. */
  record Result(PCollection<KV<String, Example>> examples, PCollection<Reject> rejects,
      PCollection<Map<String, FeatureType>> types, PCollectionView<Map<String, FeatureType>> typesView) {}

  static Result expand(PCollection<InputFile> files, List<String> header, char delimiter) {
    PCollectionTuple read = files.apply("ParseCsv",
        ParDo.of(new ReadCsvFn(header, delimiter)).withOutputTags(ROWS, TupleTagList.of(REJECTS)));
    PCollection<KV<String, List<String>>> rows = read.get(ROWS).setCoder(ROW_CODER);
    PCollection<Reject> rejects = read.get(REJECTS).setCoder(SerializableCoder.of(Reject.class));
    PCollection<Map<String, FeatureType>> types = rows
        .apply("InferColumnTypes", Combine.globally(new ColumnTypesFn(header.size())))
        .apply("NameTypes", MapElements.into(new TypeDescriptor<Map<String, FeatureType>>() {})
            .via(codes -> namedTypes(header, codes)))
        .setCoder(TYPES_CODER);
    PCollectionView<Map<String, FeatureType>> typesView = types.apply("TypesView", View.asSingleton());
    PCollection<KV<String, Example>> examples = rows.apply("RowsToExamples",
        ParDo.of(new ToExampleFn(header, typesView)).withSideInputs(typesView))
        .setCoder(KvCoder.of(StringUtf8Coder.of(), ExampleCoder.of()));
    return new Result(examples, rejects, types, typesView);
  }

  static Map<String, FeatureType> namedTypes(List<String> header, byte[] codes) {
    Map<String, FeatureType> out = new java.util.TreeMap<>();
    for (int i = 0; i < header.size(); i++) {
      out.put(header.get(i), ValueKinds.toType(codes[i]));
    }
    return out;
  }

  /** Streams one file: rows of raw values (null = empty = missing) or rejects with line and text. */
  static final class ReadCsvFn extends DoFn<InputFile, KV<String, List<String>>> {
    private final List<String> header;
    private final char delimiter;

    ReadCsvFn(List<String> header, char delimiter) {
      this.header = header;
      this.delimiter = delimiter;
    }

    @ProcessElement
    public void process(@Element InputFile file, MultiOutputReceiver out) throws IOException {
      CsvRows rows = new CsvRows(delimiter);
      List<String> own = rows.header(file, delimiter);
      if (!own.equals(header)) {
        throw new InvalidInputException("CSV file " + file.path() + " has header " + own
            + ", but the first input file has " + header + "; all files of one input must agree");
      }
      long good = 0;
      long bad = 0;
      try (Reader reader = CsvRows.open(file.path())) {
        CsvRecordSplitter splitter = new CsvRecordSplitter(reader, delimiter, '"');
        splitter.next(); // the header, checked above
        for (CsvRecordSplitter.Chunk chunk = splitter.next(); chunk != null; chunk = splitter.next()) {
          if (chunk.text().isEmpty()) {
            continue; // a blank line holds no row
          }
          CsvRows.Parsed parsed = rows.parse(chunk);
          String reason = parsed.error();
          if (reason == null && parsed.values().length != header.size()) {
            reason = "expected " + header.size() + " fields (as in the header), got "
                + parsed.values().length;
          }
          if (reason != null) {
            bad++;
            out.get(REJECTS).output(new Reject(file.path(), chunk.line(), reason, chunk.text()));
            continue;
          }
          good++;
          List<String> values = new ArrayList<>(header.size());
          for (String v : parsed.values()) {
            values.add(v.isEmpty() ? null : v); // an empty field is a missing value
          }
          out.get(ROWS).output(KV.of(file.split(), values));
        }
      }
      if (good + bad == 0) {
        throw new InvalidInputException("CSV file " + file.path()
            + " has a header but no data rows: expected at least one row after line 1");
      }
    }
  }

  /** Per column, the widest kind code seen; merging is the element-wise maximum. */
  static final class ColumnTypesFn extends Combine.CombineFn<KV<String, List<String>>, byte[], byte[]> {
    private final int columns;

    ColumnTypesFn(int columns) {
      this.columns = columns;
    }

    @Override
    public byte[] createAccumulator() {
      return new byte[columns]; // all NONE: no value seen
    }

    @Override
    public byte[] addInput(byte[] acc, KV<String, List<String>> row) {
      List<String> values = row.getValue();
      for (int i = 0; i < columns; i++) {
        String v = values.get(i);
        // once BYTES, no value can widen it further: skip the scan
        if (v != null && acc[i] != ValueKinds.BYTES) {
          byte k = ValueKinds.kindOf(v);
          if (k > acc[i]) {
            acc[i] = k;
          }
        }
      }
      return acc;
    }

    @Override
    public byte[] mergeAccumulators(Iterable<byte[]> accs) {
      byte[] first = null;
      for (byte[] a : accs) {
        if (first == null) {
          first = a;
        } else {
          for (int i = 0; i < columns; i++) {
            first[i] = (byte) Math.max(first[i], a[i]);
          }
        }
      }
      return first == null ? createAccumulator() : first;
    }

    @Override
    public byte[] extractOutput(byte[] acc) {
      return acc;
    }

    @Override
    public Coder<byte[]> getAccumulatorCoder(CoderRegistry registry, Coder<KV<String, List<String>>> in) {
      return ByteArrayCoder.of();
    }

    @Override
    public Coder<byte[]> getDefaultOutputCoder(CoderRegistry registry, Coder<KV<String, List<String>>> in) {
      return ByteArrayCoder.of();
    }
  }

  /** Builds each row's example with the column types decided over the whole input. */
  static final class ToExampleFn extends DoFn<KV<String, List<String>>, KV<String, Example>> {
    private final List<String> header;
    private final PCollectionView<Map<String, FeatureType>> typesView;
    private transient FeatureType[] types;
    private transient int[] order;

    ToExampleFn(List<String> header, PCollectionView<Map<String, FeatureType>> typesView) {
      this.header = header;
      this.typesView = typesView;
    }

    @ProcessElement
    public void process(ProcessContext c) {
      if (types == null) {
        Map<String, FeatureType> byName = c.sideInput(typesView);
        types = header.stream().map(byName::get).toArray(FeatureType[]::new);
        // features go into the example in name order, so every example serializes the same way
        Integer[] idx = new Integer[header.size()];
        Arrays.setAll(idx, i -> i);
        Arrays.sort(idx, Comparator.comparing(header::get));
        order = Arrays.stream(idx).mapToInt(Integer::intValue).toArray();
      }
      List<String> values = c.element().getValue();
      Map<String, Feature> features = new LinkedHashMap<>();
      for (int i : order) {
        String v = values.get(i);
        if (v != null) {
          features.put(header.get(i), feature(types[i], v));
        }
      }
      Example example = Example.newBuilder()
          .setFeatures(Features.newBuilder().putAllFeature(features)).build();
      c.output(KV.of(c.element().getKey(), example));
    }

    /** The value's types were checked by the combine: every parse here succeeds. */
    static Feature feature(FeatureType type, String v) {
      return switch (type) {
        case INT -> Feature.newBuilder().setInt64List(Int64List.newBuilder().addValue(Long.parseLong(v))).build();
        case FLOAT -> Feature.newBuilder().setFloatList(FloatList.newBuilder().addValue(Float.parseFloat(v))).build();
        case BYTES -> Feature.newBuilder().setBytesList(BytesList.newBuilder()
            .addValue(ByteString.copyFrom(v, StandardCharsets.ISO_8859_1))).build();
      };
    }
  }
}
