package io.beamline.evaluator;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Session;
import org.tensorflow.Signature;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.io.ParseExample;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TString;

/**
 * Small real SavedModels for the tests: logistic regression over the float features {@code x1} and
 * {@code x2} of serialized tf.Examples, parsed in the graph with ParseExample, exported under the
 * {@code serve} tag with the model contract's {@code serving_default} signature.
 */
final class TestModels {
  private TestModels() {}

  /** The model the eval data is generated from: p = sigmoid(2 x1 - 1.5 x2 + 0.25). */
  static Path good(Path modelUri) throws Exception {
    return logistic(modelUri, 2f, -1.5f, 0.25f, "serving_default", "probability", false);
  }

  /** The good model with negated weights: ranks the data backwards. */
  static Path bad(Path modelUri) throws Exception {
    return logistic(modelUri, -2f, 1.5f, -0.25f, "serving_default", "probability", false);
  }

  /** A Keras-style two-class head: output {@code probabilities} of shape [batch, 2]. */
  static Path twoClass(Path modelUri) throws Exception {
    return logistic(modelUri, 2f, -1.5f, 0.25f, "serving_default", "probabilities", true);
  }

  /** A model whose only signature is {@code predict}, to exercise signature lookup errors. */
  static Path otherSignature(Path modelUri) throws Exception {
    return logistic(modelUri, 2f, -1.5f, 0.25f, "predict", "probability", false);
  }

  /** The probability the good model gives for (x1, x2), in float32 as the graph computes it. */
  static float goodProbability(float x1, float x2) {
    float logit = 2f * x1 + -1.5f * x2 + 0.25f;
    return (float) (1.0 / (1.0 + Math.exp(-logit)));
  }

  private static Operand<TString> emptyStrings(Ops tf) {
    return tf.constant(StandardCharsets.UTF_8, Shape.of(0), DataBuffers.ofObjects(new String[0]));
  }

  /**
   * Writes {@code <modelUri>/Format-Serving/} and returns {@code modelUri}. Weights are constants in
   * a variable so the export also has a real {@code variables/} directory, as trained models do.
   */
  static Path logistic(Path modelUri, float w1, float w2, float bias, String signatureKey,
      String outputKey, boolean twoClasses) throws Exception {
    Path serving = modelUri.resolve("Format-Serving");
    try (Graph g = new Graph(); Session s = new Session(g)) {
      Ops tf = Ops.create(g);
      Placeholder<TString> examples = tf.withName("input_examples")
          .placeholder(TString.class, Placeholder.shape(Shape.of(-1)));
      ParseExample parsed = tf.io.parseExample(examples,
          emptyStrings(tf),
          emptyStrings(tf),
          tf.constant(StandardCharsets.UTF_8, new String[] {"x1", "x2"}),
          emptyStrings(tf),
          List.of(tf.constant(new float[] {0f}), tf.constant(new float[] {0f})),
          0L, List.of(), List.of(), List.of(),
          List.of(Shape.of(1), Shape.of(1)));
      @SuppressWarnings("unchecked")
      Operand<TFloat32> x1 = (Operand<TFloat32>) parsed.denseValues().get(0);
      @SuppressWarnings("unchecked")
      Operand<TFloat32> x2 = (Operand<TFloat32>) parsed.denseValues().get(1);
      var weights = tf.variable(tf.constant(new float[] {w1, w2, bias}));
      var logit = tf.math.add(
          tf.math.add(
              tf.math.mul(x1, tf.gather(weights, tf.constant(0), tf.constant(0))),
              tf.math.mul(x2, tf.gather(weights, tf.constant(1), tf.constant(0)))),
          tf.gather(weights, tf.constant(2), tf.constant(0)));
      var probability = tf.withName("probability").math.sigmoid(logit);
      Operand<TFloat32> output = twoClasses
          ? tf.concat(List.of(tf.math.sub(tf.onesLike(probability), probability), probability), tf.constant(1))
          : probability;
      s.initialize();
      SavedModelBundle.exporter(serving.toString())
          .withSession(s)
          .withSignature(Signature.builder(signatureKey)
              .input("examples", examples)
              .output(outputKey, output)
              .output("logit", logit)
              .build())
          .export();
    }
    return modelUri;
  }
}
