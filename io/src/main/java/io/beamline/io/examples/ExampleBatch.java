package io.beamline.io.examples;

import io.beamline.core.examples.FeatureType;

import io.beamline.core.BeamlineException;
import io.beamline.core.InvalidInputException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.channels.Channels;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowStreamReader;
import org.apache.arrow.vector.ipc.ArrowStreamWriter;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.beam.sdk.coders.DefaultCoder;
import org.tensorflow.proto.Example;

/**
 * N tf.Examples in Arrow columnar form, the unit that statistics, validation and evaluation read.
 * One column per feature, sorted by name, each a list of int64 (INT), float32 (FLOAT) or binary
 * (BYTES); row i is example i. A null list means the feature is missing from that example, an empty
 * list that it is present with no values.
 *
 * <p>Immutable: it holds the Arrow IPC stream bytes, so it passes through Beam cheaply
 * ({@link ExampleBatchCoder}) and owns no off-heap memory between uses. {@link #withRoot} opens the
 * data for the duration of one call:
 *
 * <pre>{@code
 * ExampleBatch batch = ExampleBatch.fromExamples(examples, Map.of()); // types inferred
 * long present = batch.withRoot(root -> root.getRowCount() - root.getVector("age").getNullCount());
 * }</pre>
 */
@DefaultCoder(ExampleBatchCoder.class)
public final class ExampleBatch {
  /** Allocators are cheap children of one root, so a leak shows up when the child closes. */
  private static final BufferAllocator ROOT = new RootAllocator(Long.MAX_VALUE);

  private final int rowCount;
  private final Map<String, FeatureType> featureTypes;
  private final byte[] ipc;

  private ExampleBatch(int rowCount, Map<String, FeatureType> featureTypes, byte[] ipc) {
    this.rowCount = rowCount;
    this.featureTypes = featureTypes;
    this.ipc = ipc;
  }

  /**
   * A batch holding a copy of {@code root}'s data (the caller keeps ownership of {@code root}).
   * Columns are put in name order.
   *
   * @throws InvalidInputException when a column is not a list of int64, float32 or binary
   */
  public static ExampleBatch fromRoot(VectorSchemaRoot root) {
    List<FieldVector> vectors = new ArrayList<>(root.getFieldVectors());
    vectors.sort(Comparator.comparing(FieldVector::getName));
    Map<String, FeatureType> types = new LinkedHashMap<>();
    List<Field> fields = new ArrayList<>(vectors.size());
    for (FieldVector v : vectors) {
      if (types.put(v.getName(), ArrowExamples.typeOf(v.getField())) != null) {
        throw new InvalidInputException("Arrow batch has two columns named '" + v.getName() + "'");
      }
      fields.add(v.getField());
    }
    // A view over the caller's vectors in sorted order; not closed here, the caller owns them.
    VectorSchemaRoot sorted = new VectorSchemaRoot(fields, vectors, root.getRowCount());
    return new ExampleBatch(root.getRowCount(), Collections.unmodifiableMap(types), serialize(sorted));
  }

  /**
   * A batch of {@code examples}. Features in {@code types} get that type (a declared feature absent
   * from every example is an all-missing column); other features are inferred from their values.
   *
   * @throws InvalidInputException when a value cannot be held in its feature's declared type
   */
  public static ExampleBatch fromExamples(List<Example> examples, Map<String, FeatureType> types) {
    Objects.requireNonNull(examples, "examples");
    Objects.requireNonNull(types, "types");
    Map<String, FeatureType> resolved = ArrowExamples.resolveTypes(examples, types);
    try (BufferAllocator allocator = ROOT.newChildAllocator("fromExamples", 0, Long.MAX_VALUE);
        VectorSchemaRoot root = ArrowExamples.toRoot(examples, resolved, allocator)) {
      return new ExampleBatch(examples.size(), resolved, serialize(root));
    }
  }

  /**
   * A batch from text cells, column by column, without tf.Example protos in between (e.g. CSV fields
   * to statistics). {@code columns.get(name)[r]} is row {@code r}'s cell of feature {@code name}:
   * null when missing, else one value, parsed as an int64 (INT) or float32 (FLOAT), or taken as its
   * bytes (BYTES), one byte per char (ISO-8859-1), so text decoded as ISO-8859-1 keeps its original
   * bytes. Columns are put in name order.
   *
   * @throws InvalidInputException when a cell does not parse as its column's type, or a column of
   *     {@code types} has no cells or not {@code rowCount} of them
   */
  public static ExampleBatch fromTextColumns(Map<String, FeatureType> types,
      Map<String, String[]> columns, int rowCount) {
    Objects.requireNonNull(types, "types");
    Objects.requireNonNull(columns, "columns");
    Map<String, FeatureType> sorted = Collections.unmodifiableMap(new java.util.TreeMap<>(types));
    try (BufferAllocator allocator = ROOT.newChildAllocator("fromTextColumns", 0, Long.MAX_VALUE);
        VectorSchemaRoot root = TextColumns.toRoot(sorted, columns, rowCount, allocator)) {
      return new ExampleBatch(rowCount, sorted, serialize(root));
    }
  }

  /**
   * Applies {@code reader} to text columns typed as Arrow, without making a batch: the columns are
   * never serialized, which is what a consumer in the same step (e.g. statistics of a CSV file) wants.
   * The root is freed when the call returns.
   */
  public static <T> T applyToTextColumns(Map<String, FeatureType> types, Map<String, String[]> columns,
      int rowCount, Function<VectorSchemaRoot, T> reader) {
    try (BufferAllocator allocator = ROOT.newChildAllocator("applyToTextColumns", 0, Long.MAX_VALUE);
        VectorSchemaRoot root = TextColumns.toRoot(new java.util.TreeMap<>(types), columns, rowCount, allocator)) {
      return reader.apply(root);
    }
  }

  /**
   * Applies {@code reader} to {@code examples} as Arrow columns (typed as {@link #fromExamples}
   * types them), without making a batch: nothing is serialized, which is what a consumer in the same
   * step (e.g. statistics of a file of examples) wants. The root is freed when the call returns.
   */
  public static <T> T applyToExamples(List<Example> examples, Map<String, FeatureType> types,
      Function<VectorSchemaRoot, T> reader) {
    Map<String, FeatureType> resolved = ArrowExamples.resolveTypes(examples, types);
    try (BufferAllocator allocator = ROOT.newChildAllocator("applyToExamples", 0, Long.MAX_VALUE);
        VectorSchemaRoot root = ArrowExamples.toRoot(examples, resolved, allocator)) {
      return reader.apply(root);
    }
  }

  /**
   * As {@link #applyToExamples}, for serialized tf.Examples (e.g. the records of a TFRecord file):
   * examples of the regular shape (every feature in {@code types}, once, with a kind its column
   * holds) go straight from their wire bytes into the columns, without protobuf objects; any other
   * batch is parsed with protobuf, so the result is the same either way.
   *
   * @param source names the records in errors, e.g. the file they come from
   * @param firstIndex the index of the first record in {@code source}, for errors
   * @throws InvalidInputException when a record is not a tf.Example, or a value does not fit its type
   */
  public static <T> T applyToSerialized(List<byte[]> records, Map<String, FeatureType> types, String source,
      long firstIndex, Function<VectorSchemaRoot, T> reader) {
    try (BufferAllocator allocator = ROOT.newChildAllocator("applyToSerialized", 0, Long.MAX_VALUE)) {
      VectorSchemaRoot wire = WireExamples.toRoot(records, types, allocator);
      if (wire != null) {
        try (wire) {
          return reader.apply(wire);
        }
      }
    }
    List<Example> examples = new java.util.ArrayList<>(records.size());
    for (int i = 0; i < records.size(); i++) {
      examples.add(ExampleCoder.parse(records.get(i), "Record " + (firstIndex + i) + " of " + source));
    }
    return applyToExamples(examples, types, reader);
  }

  public int rowCount() {
    return rowCount;
  }

  /** Feature name to type, in column (name) order; unmodifiable. */
  public Map<String, FeatureType> featureTypes() {
    return featureTypes;
  }

  /**
   * Applies {@code reader} to the data opened as a {@link VectorSchemaRoot}. The root and its
   * buffers are freed when the call returns: copy out what you need, never return the vectors.
   */
  public <T> T withRoot(Function<VectorSchemaRoot, T> reader) {
    try (BufferAllocator allocator = ROOT.newChildAllocator("withRoot", 0, Long.MAX_VALUE);
        ArrowStreamReader in = new ArrowStreamReader(new ByteArrayInputStream(ipc), allocator)) {
      if (!in.loadNextBatch()) {
        throw new BeamlineException("Example batch holds no Arrow record batch");
      }
      return reader.apply(in.getVectorSchemaRoot());
    } catch (IOException e) {
      throw new BeamlineException("Cannot open example batch: " + e.getMessage(), e);
    }
  }

  /** The rows as tf.Examples; missing features are absent, empty lists stay empty lists. */
  public List<Example> toExamples() {
    return withRoot(ArrowExamples::toExamples);
  }

  /** The Arrow IPC stream bytes (shared, not copied: for the coder only). */
  byte[] ipcBytes() {
    return ipc;
  }

  static ExampleBatch fromEncoded(int rowCount, Map<String, FeatureType> types, byte[] ipc) {
    return new ExampleBatch(rowCount, Collections.unmodifiableMap(new LinkedHashMap<>(types)), ipc);
  }

  private static byte[] serialize(VectorSchemaRoot root) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ArrowStreamWriter writer = new ArrowStreamWriter(root, null, Channels.newChannel(bytes))) {
      writer.start();
      writer.writeBatch();
      writer.end();
    } catch (IOException e) {
      throw new BeamlineException("Cannot serialize an Arrow batch in memory: " + e.getMessage(), e);
    }
    return bytes.toByteArray();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ExampleBatch other && rowCount == other.rowCount
        && featureTypes.equals(other.featureTypes) && Arrays.equals(ipc, other.ipc);
  }

  @Override
  public int hashCode() {
    return 31 * rowCount + Arrays.hashCode(ipc);
  }

  @Override
  public String toString() {
    return "ExampleBatch{rows=" + rowCount + ", features=" + featureTypes + "}";
  }
}
