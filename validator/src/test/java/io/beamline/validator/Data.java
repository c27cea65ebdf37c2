package io.beamline.validator;

import com.google.protobuf.ByteString;
import io.beamline.io.examples.ExampleBatch;
import io.beamline.core.statistics.DatasetFeatureStatistics;
import io.beamline.statsgen.FeatureStatistics;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.IntFunction;
import org.tensorflow.proto.BytesList;
import org.tensorflow.proto.Example;
import org.tensorflow.proto.Feature;
import org.tensorflow.proto.Features;
import org.tensorflow.proto.FloatList;
import org.tensorflow.proto.Int64List;

/**
 * Test fixtures: real statistics (statsgen's) of small in-memory data sets. A row maps feature names
 * to a value or a list of values (Long, Double, String); an absent key is a missing feature.
 */
final class Data {
  private Data() {}

  static Map<String, Object> row(Object... keyValues) {
    Map<String, Object> row = new LinkedHashMap<>();
    for (int i = 0; i < keyValues.length; i += 2) {
      row.put((String) keyValues[i], keyValues[i + 1]);
    }
    return row;
  }

  static DatasetFeatureStatistics rows(int n, IntFunction<Map<String, Object>> rowAt) {
    List<Example> examples = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      examples.add(example(rowAt.apply(i)));
    }
    return FeatureStatistics.compute(List.of(ExampleBatch.fromExamples(examples, Map.of())));
  }

  /** One tf.Example of a row. */
  static Example example(Map<String, Object> row) {
    Features.Builder features = Features.newBuilder();
    row.forEach((name, value) -> features.putFeature(name, feature(value)));
    return Example.newBuilder().setFeatures(features).build();
  }

  /** {@code n} values of a normal distribution (mean, sd) as FLOAT feature {@code x}. */
  static DatasetFeatureStatistics normal(int n, double mean, double sd, long seed) {
    Random r = new Random(seed);
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      v[i] = mean + sd * r.nextGaussian();
    }
    return rows(n, i -> row("x", v[i]));
  }

  /** {@code n} values of a categorical feature {@code c} drawn with the given probabilities of a, b, c, ... */
  static DatasetFeatureStatistics categorical(int n, double[] probabilities, long seed) {
    Random r = new Random(seed);
    String[] v = new String[n];
    for (int i = 0; i < n; i++) {
      double u = r.nextDouble();
      int k = 0;
      while (k < probabilities.length - 1 && u >= probabilities[k]) {
        u -= probabilities[k];
        k++;
      }
      v[i] = String.valueOf((char) ('a' + k));
    }
    return rows(n, i -> row("c", v[i]));
  }

  private static Feature feature(Object value) {
    List<?> values = value instanceof List<?> l ? l : List.of(value);
    Object first = values.isEmpty() ? 0L : values.get(0);
    if (first instanceof Long) {
      Int64List.Builder b = Int64List.newBuilder();
      values.forEach(v -> b.addValue((Long) v));
      return Feature.newBuilder().setInt64List(b).build();
    }
    if (first instanceof Double) {
      FloatList.Builder b = FloatList.newBuilder();
      values.forEach(v -> b.addValue(((Double) v).floatValue()));
      return Feature.newBuilder().setFloatList(b).build();
    }
    BytesList.Builder b = BytesList.newBuilder();
    values.forEach(v -> b.addValue(ByteString.copyFromUtf8((String) v)));
    return Feature.newBuilder().setBytesList(b).build();
  }
}
