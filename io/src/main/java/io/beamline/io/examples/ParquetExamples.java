package io.beamline.io.examples;

import io.beamline.core.examples.FeatureType;

import io.beamline.core.InvalidInputException;
import io.beamline.core.InvalidParameterException;
import java.io.IOException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.parquet.conf.ParquetConfiguration;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.api.ReadSupport;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.hadoop.example.GroupReadSupport;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.InputFile;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.RecordConsumer;
import org.apache.parquet.schema.GroupType;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;
import org.apache.parquet.schema.Types;
import org.tensorflow.proto.BytesList;
import org.tensorflow.proto.Example;
import org.tensorflow.proto.Feature;
import org.tensorflow.proto.Features;
import org.tensorflow.proto.FloatList;
import org.tensorflow.proto.Int64List;

/**
 * tf.Examples as Parquet rows: one optional LIST column per feature (Parquet's standard three-level
 * list of required int64, float or binary elements); a null column is a missing feature, an empty
 * list a present one with no values. The writer goes straight from the protobuf to Parquet's record
 * consumer; the reader uses Parquet's generic {@link Group}s.
 */
final class ParquetExamples {
  private static final String LIST = "list";
  private static final String ELEMENT = "element";

  private ParquetExamples() {}

  static MessageType schema(Map<String, FeatureType> types) {
    Types.MessageTypeBuilder message = Types.buildMessage();
    new TreeMap<>(types).forEach((name, type) -> {
      PrimitiveTypeName primitive = switch (type) {
        case INT -> PrimitiveTypeName.INT64;
        case FLOAT -> PrimitiveTypeName.FLOAT;
        case BYTES -> PrimitiveTypeName.BINARY;
      };
      message.optionalGroup().as(LogicalTypeAnnotation.listType())
          .repeatedGroup().required(primitive).named(ELEMENT).named(LIST)
          .named(name);
    });
    return message.named("tf_example");
  }

  /** Feature types read back from a file's schema; rejects columns outside the convention. */
  static Map<String, FeatureType> types(MessageType schema, String file) {
    Map<String, FeatureType> types = new LinkedHashMap<>();
    for (Type field : schema.getFields()) {
      types.put(field.getName(), elementType(field, file));
    }
    return types;
  }

  private static FeatureType elementType(Type field, String file) {
    if (!field.isPrimitive() && field.asGroupType().getFieldCount() == 1) {
      Type list = field.asGroupType().getType(0);
      if (!list.isPrimitive() && list.asGroupType().getFieldCount() == 1
          && list.asGroupType().getType(0).isPrimitive()) {
        PrimitiveType element = list.asGroupType().getType(0).asPrimitiveType();
        switch (element.getPrimitiveTypeName()) {
          case INT64: return FeatureType.INT;
          case FLOAT: return FeatureType.FLOAT;
          case BINARY: return FeatureType.BYTES;
          default: break;
        }
      }
    }
    throw new InvalidInputException("Parquet file " + file + ": column '" + field.getName()
        + "' is " + field + "; expected an optional LIST of int64, float or binary");
  }

  static ParquetWriter<Example> writer(OutputFile file, Map<String, FeatureType> types)
      throws IOException {
    return new WriterBuilder(file, types)
        .withConf(new PlainParquetConfiguration())
        .withCompressionCodec(CompressionCodecName.SNAPPY)
        .build();
  }

  static ParquetReader<Group> reader(InputFile file) throws IOException {
    return new ReaderBuilder(file).build();
  }

  /** A row read by {@link #reader} as a tf.Example, columns typed by {@link #types}. */
  static Example toExample(Group group, Map<String, FeatureType> types) {
    Features.Builder features = Features.newBuilder();
    GroupType schema = group.getType();
    for (Map.Entry<String, FeatureType> e : types.entrySet()) {
      int field = schema.getFieldIndex(e.getKey());
      if (group.getFieldRepetitionCount(field) == 0) {
        continue; // null list: missing
      }
      Group list = group.getGroup(field, 0);
      int n = list.getFieldRepetitionCount(0);
      Feature.Builder feature = Feature.newBuilder();
      switch (e.getValue()) {
        case INT -> {
          Int64List.Builder b = Int64List.newBuilder();
          for (int j = 0; j < n; j++) {
            b.addValue(list.getGroup(0, j).getLong(0, 0));
          }
          feature.setInt64List(b);
        }
        case FLOAT -> {
          FloatList.Builder b = FloatList.newBuilder();
          for (int j = 0; j < n; j++) {
            b.addValue(list.getGroup(0, j).getFloat(0, 0));
          }
          feature.setFloatList(b);
        }
        case BYTES -> {
          BytesList.Builder b = BytesList.newBuilder();
          for (int j = 0; j < n; j++) {
            b.addValue(com.google.protobuf.ByteString.copyFrom(
                list.getGroup(0, j).getBinary(0, 0).toByteBuffer()));
          }
          feature.setBytesList(b);
        }
      }
      features.putFeature(e.getKey(), feature.build());
    }
    return Example.newBuilder().setFeatures(features).build();
  }

  private static final class WriterBuilder extends ParquetWriter.Builder<Example, WriterBuilder> {
    private final Map<String, FeatureType> types;

    WriterBuilder(OutputFile file, Map<String, FeatureType> types) {
      super(file);
      this.types = types;
    }

    @Override
    protected WriterBuilder self() {
      return this;
    }

    @Override
    protected WriteSupport<Example> getWriteSupport(org.apache.hadoop.conf.Configuration conf) {
      return new ExampleWriteSupport(types);
    }

    @Override
    protected WriteSupport<Example> getWriteSupport(ParquetConfiguration conf) {
      return new ExampleWriteSupport(types);
    }
  }

  private static final class ReaderBuilder extends ParquetReader.Builder<Group> {
    ReaderBuilder(InputFile file) {
      super(file, new PlainParquetConfiguration());
    }

    @Override
    protected ReadSupport<Group> getReadSupport() {
      return new GroupReadSupport();
    }
  }

  /** Writes one tf.Example per row, columns in name order, following {@link ArrowExamples}' rules. */
  private static final class ExampleWriteSupport extends WriteSupport<Example> {
    private final MessageType schema;
    private final String[] names;
    private final FeatureType[] types;
    private final Set<String> known;
    private RecordConsumer out;
    private long row;

    ExampleWriteSupport(Map<String, FeatureType> featureTypes) {
      TreeMap<String, FeatureType> sorted = new TreeMap<>(featureTypes);
      this.schema = schema(sorted);
      this.names = sorted.keySet().toArray(String[]::new);
      this.types = sorted.values().toArray(FeatureType[]::new);
      this.known = sorted.keySet();
    }

    @Override
    public WriteContext init(org.apache.hadoop.conf.Configuration configuration) {
      return new WriteContext(schema, new HashMap<>());
    }

    @Override
    public WriteContext init(ParquetConfiguration configuration) {
      return new WriteContext(schema, new HashMap<>());
    }

    @Override
    public void prepareForWrite(RecordConsumer recordConsumer) {
      this.out = recordConsumer;
    }

    @Override
    public void write(Example example) {
      Map<String, Feature> features = example.getFeatures().getFeatureMap();
      for (String name : features.keySet()) {
        if (!known.contains(name)) {
          throw new InvalidInputException("Example " + row + " has feature '" + name
              + "', which is not among the Parquet columns " + known
              + "; pass its type with withFeatureTypes");
        }
      }
      out.startMessage();
      for (int c = 0; c < names.length; c++) {
        Feature f = features.get(names[c]);
        if (f == null || f.getKindCase() == Feature.KindCase.KIND_NOT_SET) {
          continue;
        }
        out.startField(names[c], c);
        out.startGroup();
        int n = ArrowExamples.valueCount(f);
        if (n > 0) {
          out.startField(LIST, 0);
          for (int j = 0; j < n; j++) {
            out.startGroup();
            out.startField(ELEMENT, 0);
            writeValue(names[c], types[c], f, j);
            out.endField(ELEMENT, 0);
            out.endGroup();
          }
          out.endField(LIST, 0);
        }
        out.endGroup();
        out.endField(names[c], c);
      }
      out.endMessage();
      row++;
    }

    private void writeValue(String name, FeatureType type, Feature f, int j) {
      switch (type) {
        case INT -> {
          if (f.getKindCase() != Feature.KindCase.INT64_LIST) {
            throw ArrowExamples.mismatch(name, row, type, f);
          }
          out.addLong(f.getInt64List().getValue(j));
        }
        case FLOAT -> {
          if (f.getKindCase() == Feature.KindCase.FLOAT_LIST) {
            out.addFloat(f.getFloatList().getValue(j));
          } else if (f.getKindCase() == Feature.KindCase.INT64_LIST) {
            out.addFloat((float) f.getInt64List().getValue(j));
          } else {
            throw ArrowExamples.mismatch(name, row, type, f);
          }
        }
        case BYTES -> out.addBinary(Binary.fromConstantByteArray(ArrowExamples.bytesAt(f, j)));
      }
    }
  }

  /** Rejects a Parquet write with no feature types: the schema cannot be known up front. */
  static void requireTypes(Map<String, FeatureType> types) {
    if (types == null || types.isEmpty()) {
      throw new InvalidParameterException(
          "Parquet examples need feature types: call withFeatureTypes(Map<String, FeatureType>)");
    }
  }
}
