package io.beamline.examplegen;

import io.beamline.core.InvalidInputException;
import io.beamline.core.examples.FeatureType;
import java.util.Map;
import java.util.TreeMap;
import org.apache.beam.sdk.coders.ByteCoder;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.CoderRegistry;
import org.apache.beam.sdk.coders.MapCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.transforms.Combine;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollectionView;
import org.tensorflow.proto.Example;
import org.tensorflow.proto.Feature;
import org.tensorflow.proto.Features;
import org.tensorflow.proto.FloatList;
import org.tensorflow.proto.Int64List;

/**
 * Feature types of already typed examples (Avro, Parquet, TFRecord input), decided over all of them:
 * a feature that is INT in one file and FLOAT in another becomes FLOAT everywhere. A feature holding
 * numbers in some examples and bytes in others is an error: there is no faithful way to merge them.
 */
final class ExampleTypes {
  private static final byte INT = 1;
  private static final byte FLOAT = 2;
  private static final byte BYTES = 4;

  private ExampleTypes() {}

  /** Per feature, the set of kinds seen (bit flags); merged by OR into the first accumulator. */
  static final class KindsFn extends Combine.CombineFn<KV<String, Example>, Map<String, Byte>,
      Map<String, FeatureType>> {
    @Override
    public Map<String, Byte> createAccumulator() {
      return new TreeMap<>();
    }

    @Override
    public Map<String, Byte> addInput(Map<String, Byte> acc, KV<String, Example> in) {
      for (Map.Entry<String, Feature> e : in.getValue().getFeatures().getFeatureMap().entrySet()) {
        byte bit = switch (e.getValue().getKindCase()) {
          case INT64_LIST -> INT;
          case FLOAT_LIST -> FLOAT;
          case BYTES_LIST -> BYTES;
          default -> 0;
        };
        acc.merge(e.getKey(), bit, (a, b) -> (byte) (a | b));
      }
      return acc;
    }

    @Override
    public Map<String, Byte> mergeAccumulators(Iterable<Map<String, Byte>> accs) {
      Map<String, Byte> first = null;
      for (Map<String, Byte> a : accs) {
        if (first == null) {
          first = a;
        } else {
          for (Map.Entry<String, Byte> e : a.entrySet()) {
            first.merge(e.getKey(), e.getValue(), (x, y) -> (byte) (x | y));
          }
        }
      }
      return first == null ? createAccumulator() : first;
    }

    @Override
    public Map<String, FeatureType> extractOutput(Map<String, Byte> acc) {
      Map<String, FeatureType> out = new TreeMap<>();
      acc.forEach((name, bits) -> {
        if ((bits & BYTES) != 0 && (bits & (INT | FLOAT)) != 0) {
          throw new InvalidInputException("Feature '" + name + "' holds numbers in some examples and"
              + " bytes in others; the input files must agree on each feature's type");
        }
        // a feature only ever present with no values has no type to go by: BYTES holds anything
        out.put(name, (bits & BYTES) != 0 || bits == 0 ? FeatureType.BYTES
            : (bits & FLOAT) != 0 ? FeatureType.FLOAT : FeatureType.INT);
      });
      return out;
    }

    @Override
    public Coder<Map<String, Byte>> getAccumulatorCoder(CoderRegistry r, Coder<KV<String, Example>> in) {
      return MapCoder.of(StringUtf8Coder.of(), ByteCoder.of());
    }
  }

  /** Rewrites INT values of features typed FLOAT overall, so each feature has one type everywhere. */
  static final class ConformFn extends DoFn<KV<String, Example>, KV<String, Example>> {
    private final PCollectionView<Map<String, FeatureType>> typesView;

    ConformFn(PCollectionView<Map<String, FeatureType>> typesView) {
      this.typesView = typesView;
    }

    @ProcessElement
    public void process(ProcessContext c) {
      Map<String, FeatureType> types = c.sideInput(typesView);
      Example ex = c.element().getValue();
      Features.Builder fixed = null;
      for (Map.Entry<String, Feature> e : ex.getFeatures().getFeatureMap().entrySet()) {
        Feature f = e.getValue();
        if (f.getKindCase() == Feature.KindCase.INT64_LIST && types.get(e.getKey()) == FeatureType.FLOAT) {
          fixed = fixed == null ? ex.getFeatures().toBuilder() : fixed;
          FloatList.Builder floats = FloatList.newBuilder();
          Int64List ints = f.getInt64List();
          for (int i = 0; i < ints.getValueCount(); i++) {
            floats.addValue((float) ints.getValue(i));
          }
          fixed.putFeature(e.getKey(), Feature.newBuilder().setFloatList(floats).build());
        }
      }
      c.output(fixed == null ? c.element()
          : KV.of(c.element().getKey(), ex.toBuilder().setFeatures(fixed).build()));
    }
  }
}
