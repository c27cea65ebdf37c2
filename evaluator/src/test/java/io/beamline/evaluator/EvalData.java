package io.beamline.evaluator;

import com.google.protobuf.ByteString;
import io.beamline.core.component.BeamRuns;
import io.beamline.io.examples.ExampleCoder;
import io.beamline.io.examples.ExamplesIO;
import io.beamline.core.examples.FeatureType;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.transforms.Create;
import org.tensorflow.proto.BytesList;
import org.tensorflow.proto.Example;
import org.tensorflow.proto.Feature;
import org.tensorflow.proto.Features;
import org.tensorflow.proto.FloatList;
import org.tensorflow.proto.Int64List;

/**
 * Eval data drawn from the good test model: x1, x2 ~ N(0, 1), label ~ Bernoulli(p(x1, x2)), plus
 * slicing features {@code hour} (0-3, group sizes 40/30/20/10 %) and {@code kind} ({@code a} or
 * {@code <b>}, to check escaping), and a weight of 1 or 2.
 */
final class EvalData {
  final List<Example> examples;
  final Path uri;

  private EvalData(List<Example> examples, Path uri) {
    this.examples = examples;
    this.uri = uri;
  }

  static EvalData write(Path examplesUri, int n, long seed) {
    Random random = new Random(seed);
    List<Example> examples = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      float x1 = (float) random.nextGaussian();
      float x2 = (float) random.nextGaussian();
      long label = random.nextDouble() < TestModels.goodProbability(x1, x2) ? 1 : 0;
      double u = random.nextDouble();
      long hour = u < 0.4 ? 0 : u < 0.7 ? 1 : u < 0.9 ? 2 : 3;
      examples.add(example(x1, x2, label, hour, random.nextBoolean() ? "a" : "<b>", 1 + random.nextInt(2)));
    }
    Pipeline p = Pipeline.create(BeamRuns.options(List.of()));
    p.apply(Create.of(examples).withCoder(ExampleCoder.of())).apply(ExamplesIO.write(examplesUri.toString(), "eval"));
    BeamRuns.runToCompletion(p);
    return new EvalData(examples, examplesUri);
  }

  /**
   * Writes {@code examples} as split {@code eval} of {@code examplesUri} in exactly {@code shards}
   * files of the given format ({@code ExamplesLayout.FORMAT_*}).
   */
  static void writeShards(List<Example> examples, Path examplesUri, String format, int shards) {
    Pipeline p = Pipeline.create(BeamRuns.options(List.of()));
    p.apply(Create.of(examples).withCoder(ExampleCoder.of())).apply(ExamplesIO.write(examplesUri.toString(), "eval")
        .withFormat(format).withNumShards(shards).withFeatureTypes(Map.of("x1", FeatureType.FLOAT,
            "x2", FeatureType.FLOAT, "label", FeatureType.INT, "hour", FeatureType.INT, "kind", FeatureType.BYTES,
            "weight", FeatureType.FLOAT)));
    BeamRuns.runToCompletion(p);
  }

  static Example example(float x1, float x2, long label, long hour, String kind, float weight) {
    return Example.newBuilder().setFeatures(Features.newBuilder()
        .putFeature("x1", floats(x1))
        .putFeature("x2", floats(x2))
        .putFeature("label", Feature.newBuilder().setInt64List(Int64List.newBuilder().addValue(label)).build())
        .putFeature("hour", Feature.newBuilder().setInt64List(Int64List.newBuilder().addValue(hour)).build())
        .putFeature("kind", Feature.newBuilder().setBytesList(BytesList.newBuilder()
            .addValue(ByteString.copyFromUtf8(kind))).build())
        .putFeature("weight", floats(weight)))
        .build();
  }

  private static Feature floats(float v) {
    return Feature.newBuilder().setFloatList(FloatList.newBuilder().addValue(v)).build();
  }

  static float value(Example e, String feature) {
    return e.getFeatures().getFeatureMap().get(feature).getFloatList().getValue(0);
  }

  static long intValue(Example e, String feature) {
    return e.getFeatures().getFeatureMap().get(feature).getInt64List().getValue(0);
  }

  static String kind(Example e) {
    return e.getFeatures().getFeatureMap().get("kind").getBytesList().getValue(0).toStringUtf8();
  }

  /** Exact unweighted AUC of the good model on {@code examples} by pair counting (ties half). */
  static double exactAuc(List<Example> examples, boolean negated) {
    List<Float> pos = new ArrayList<>();
    List<Float> neg = new ArrayList<>();
    for (Example e : examples) {
      float p = TestModels.goodProbability(value(e, "x1"), value(e, "x2"));
      (intValue(e, "label") == 1 ? pos : neg).add(negated ? 1 - p : p);
    }
    double wins = 0;
    for (float a : pos) {
      for (float b : neg) {
        wins += a > b ? 1 : a == b ? 0.5 : 0;
      }
    }
    return wins / ((double) pos.size() * neg.size());
  }
}
