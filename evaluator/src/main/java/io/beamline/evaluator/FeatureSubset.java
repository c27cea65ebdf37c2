package io.beamline.evaluator;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.WireFormat;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collection;
import java.util.Objects;
import org.tensorflow.proto.Example;
import org.tensorflow.proto.Feature;
import org.tensorflow.proto.Features;

/**
 * Parses from a serialized tf.Example only the features the metrics read (the label, the weight,
 * the slicing features), skipping every other map entry in its wire bytes: a model fed serialized
 * examples parses them itself, and parsing the whole example in Java as well (a Feature, a list
 * and a map entry per feature) took as long as the model's inference on the taxi data.
 *
 * <p>Protobuf's own reader walks the bytes; a wanted feature's value is parsed by protobuf. Written
 * here because protobuf-java parses a map whole or not at all. Wire format
 * (tensorflow/core/example/example.proto, feature.proto): Example {1: Features}, Features {1:
 * repeated map entry {1: key, 2: Feature}}; a key given twice keeps its last value, as a parsed map
 * does. A skipped feature is not checked: malformed bytes inside it reach the model, whose own
 * parse reports them.
 */
final class FeatureSubset {
  private static final int FEATURES = tag(1);
  private static final int ENTRY = tag(1);
  private static final int KEY = tag(1);
  private static final int VALUE = tag(2);

  private final String[] names;
  private final byte[][] keys;

  private FeatureSubset(String[] names) {
    this.names = names;
    this.keys = Arrays.stream(names).map(n -> n.getBytes(StandardCharsets.UTF_8)).toArray(byte[][]::new);
  }

  /** The tag of length-delimited field {@code number} (every field read here is one). */
  private static int tag(int number) {
    return number << 3 | WireFormat.WIRETYPE_LENGTH_DELIMITED;
  }

  /** The features named (nulls ignored, duplicates kept once). */
  static FeatureSubset of(Collection<String> names) {
    return new FeatureSubset(names.stream().filter(Objects::nonNull).distinct().toArray(String[]::new));
  }

  /** The example in {@code record} with only this subset's features. */
  Example parse(byte[] record) throws InvalidProtocolBufferException {
    Features.Builder features = Features.newBuilder();
    try {
      CodedInputStream in = CodedInputStream.newInstance(record);
      for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
        if (tag != FEATURES) {
          in.skipField(tag);
          continue;
        }
        int featuresEnd = in.pushLimit(in.readRawVarint32());
        for (int t = in.readTag(); t != 0; t = in.readTag()) {
          if (t == ENTRY) {
            int entryEnd = in.pushLimit(in.readRawVarint32());
            readEntry(in, record, features);
            in.popLimit(entryEnd);
          } else {
            in.skipField(t);
          }
        }
        in.popLimit(featuresEnd);
      }
    } catch (InvalidProtocolBufferException e) {
      throw e;
    } catch (IOException e) {
      throw new InvalidProtocolBufferException(e);
    }
    return Example.newBuilder().setFeatures(features).build();
  }

  /** One map entry: its key compared in place, its value parsed only when the key is wanted. */
  private void readEntry(CodedInputStream in, byte[] record, Features.Builder features) throws IOException {
    int wanted = -1;
    int valueAt = -1;
    int valueLength = 0;
    for (int t = in.readTag(); t != 0; t = in.readTag()) {
      if (t == KEY) {
        int length = in.readRawVarint32();
        wanted = indexOf(record, in.getTotalBytesRead(), length);
        in.skipRawBytes(length);
      } else if (t == VALUE) {
        valueLength = in.readRawVarint32();
        valueAt = in.getTotalBytesRead();
        in.skipRawBytes(valueLength);
      } else {
        in.skipField(t);
      }
    }
    if (wanted >= 0) {
      Feature value = valueAt < 0 ? Feature.getDefaultInstance()
          : Feature.parser().parseFrom(record, valueAt, valueLength);
      features.putFeature(names[wanted], value);
    }
  }

  /** Which wanted key the {@code length} bytes at {@code at} spell, or -1. */
  private int indexOf(byte[] record, int at, int length) {
    for (int k = 0; k < keys.length; k++) {
      if (keys[k].length == length && Arrays.equals(keys[k], 0, length, record, at, at + length)) {
        return k;
      }
    }
    return -1;
  }
}
