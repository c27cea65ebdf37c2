package io.beamline.trainer;

import io.beamline.core.examples.FeatureType;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Session;
import org.tensorflow.Signature;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.ndarray.index.Indices;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.ReduceMax;
import org.tensorflow.op.core.ReduceSum;
import org.tensorflow.op.core.Variable;
import org.tensorflow.op.io.ParseExample;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.types.TBool;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;
import org.tensorflow.types.TString;
import org.tensorflow.types.family.TType;

/**
 * One TensorFlow graph for training and serving. Serialized tf.Examples enter at {@code examples},
 * a ParseExample op yields each feature's first value and a presence flag, and those pass through
 * named Identity ops ({@code input_<i>_value}, {@code input_<i>_present}). Training feeds those
 * Identity outputs directly from Arrow columns, which cuts the parse step out of the run; every op
 * after them (imputation, z-scores, vocabularies, buckets, the model) is shared, so serving cannot
 * preprocess differently from training.
 */
final class ModelGraph implements AutoCloseable {
  static final String SIGNATURE_KEY = "serving_default";
  static final String INPUT_EXAMPLES = "examples";
  static final String OUTPUT_PROBABILITY = "probability";
  static final String OUTPUT_LOGIT = "logit";
  static final String OUTPUT_PROBABILITIES = "probabilities";
  static final String OUTPUT_LOGITS = "logits";
  static final String OUTPUT_PREDICTION = "prediction";
  /** z-scores are clipped to this magnitude so one extreme value cannot dominate a linear model. */
  static final float Z_CLIP = 5f;

  final Graph graph;
  final Session session;
  final Placeholder<TString> examples;
  final List<Operand<?>> values = new ArrayList<>();
  final List<Operand<TFloat32>> presents = new ArrayList<>();
  final Placeholder<TFloat32> labels;
  final Head head;
  /** The model's raw output: logit(s), or the prediction of a regression. */
  final Operand<TFloat32> logit;
  /** What is scored: the probability [batch, 1], the class probabilities [batch, K], or the prediction [batch, 1]. */
  final Operand<TFloat32> output;
  final Operand<TFloat32> exampleLoss;
  final Op train;
  private final List<Variable<TFloat32>> variables = new ArrayList<>();

  private ModelGraph(FeaturePlan plan, TrainerParameters p) {
    graph = new Graph();
    try {
      Ops tf = Ops.create(graph);
      examples = tf.withName(INPUT_EXAMPLES).placeholder(TString.class, Placeholder.shape(Shape.of(-1)));
      parse(tf, plan);
      Operand<TFloat32> x = preprocess(tf.withSubScope("preprocess"), plan);
      head = plan.head();
      Operand<TFloat32> z = model(tf, x, plan.width(), plan.classes(), p, variables);
      labels = tf.withName("labels").placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1)));
      switch (head) {
        case BINARY -> {
          logit = tf.withName(OUTPUT_LOGIT).identity(z);
          output = tf.withName(OUTPUT_PROBABILITY).math.sigmoid(z);
          exampleLoss = sigmoidCrossEntropy(tf.withSubScope("loss"), z, labels);
        }
        case MULTICLASS -> {
          logit = tf.withName(OUTPUT_LOGITS).identity(z);
          output = tf.withName(OUTPUT_PROBABILITIES).nn.softmax(z);
          exampleLoss = softmaxCrossEntropy(tf.withSubScope("loss"), z, labels, plan.classes());
        }
        default -> {
          logit = tf.withName(OUTPUT_PREDICTION).identity(z);
          output = logit;
          Ops l = tf.withSubScope("loss");
          exampleLoss = l.reshape(l.math.square(l.math.sub(z, l.reshape(labels, l.constant(new long[] {-1, 1})))),
              l.constant(new long[] {-1}));
        }
      }
      Operand<TFloat32> meanLoss = tf.withName("mean_loss").math.mean(exampleLoss, tf.constant(0));
      train = TrainStep.minimize(tf, meanLoss, variables, p);
      // One thread per op and between ops: TensorFlow's CPU kernels (oneDNN matmuls, reductions)
      // may otherwise split work differently from run to run and round differently.
      session = new Session(graph, ConfigProto.newBuilder()
          .setIntraOpParallelismThreads(p.threads())
          .setInterOpParallelismThreads(p.threads())
          .build());
      session.initialize();
    } catch (RuntimeException e) {
      graph.close();
      throw e;
    }
  }

  static ModelGraph build(FeaturePlan plan, TrainerParameters p) {
    return new ModelGraph(plan, p);
  }

  /**
   * The serving signature: serialized tf.Example strings in; out, per head: probability and logit
   * [batch, 1]; probabilities and logits [batch, K]; prediction [batch, 1].
   */
  Signature signature() {
    Signature.Builder b = Signature.builder(SIGNATURE_KEY).input(INPUT_EXAMPLES, examples);
    switch (head) {
      case BINARY -> b.output(OUTPUT_PROBABILITY, output).output(OUTPUT_LOGIT, logit);
      case MULTICLASS -> b.output(OUTPUT_PROBABILITIES, output).output(OUTPUT_LOGITS, logit);
      default -> b.output(OUTPUT_PREDICTION, output);
    }
    return b.methodName("tensorflow/serving/predict").build();
  }

  @SuppressWarnings("unchecked")
  private void parse(Ops tf, FeaturePlan plan) {
    Ops in = tf.withSubScope("parse");
    List<InputFeature> features = plan.features();
    List<Class<? extends TType>> types = new ArrayList<>();
    String[] keys = new String[features.size()];
    for (int i = 0; i < features.size(); i++) {
      keys[i] = features.get(i).name();
      types.add(tensorType(features.get(i).type()));
    }
    // Ragged keys rather than dense ones: a dense default cannot tell "missing" from "equal to the
    // default", and the missing indicator needs that difference. Ragged rather than sparse: each
    // feature comes out as its values and row splits, from which the first value and the presence
    // of each row are a gather and a comparison (sparse outputs took five reshaping ops a feature).
    ParseExample parsed = in.io.parseExample(examples, noStrings(in), noStrings(in), noStrings(in),
        in.constant(StandardCharsets.UTF_8, keys), List.of(), 0L, List.of(), types,
        Collections.nCopies(keys.length, TInt64.class), List.of());
    for (int i = 0; i < features.size(); i++) {
      Ops f = in.withSubScope("f" + i);
      Operand<TInt64> splits = (Operand<TInt64>) parsed.raggedRowSplits().get(i);
      Operand<TInt64> starts = f.stridedSlice(splits, Indices.sliceTo(-1));
      Operand<TInt64> ends = f.stridedSlice(splits, Indices.sliceFrom(1));
      Operand<TBool> has = f.math.greater(ends, starts);
      Operand<?> featureValues = parsed.raggedValues().get(i);
      // A row without values reads the default appended after the batch's values.
      Operand<TInt64> end = f.size(featureValues, TInt64.class);
      Operand<TInt64> at = f.select(has, starts, f.fill(f.shape(starts, TInt64.class), end));
      values.add(tf.withName("input_" + i + "_value").identity(firstValues(f, featureValues, at)));
      presents.add(tf.withName("input_" + i + "_present").identity(f.dtypes.cast(has, TFloat32.class)));
    }
  }

  @SuppressWarnings("unchecked")
  private static Operand<?> firstValues(Ops tf, Operand<?> values, Operand<TInt64> at) {
    if (values.type() == TInt64.class) {
      return gatherPadded(tf, (Operand<TInt64>) values, tf.constant(new long[] {0L}), at);
    }
    if (values.type() == TFloat32.class) {
      return gatherPadded(tf, (Operand<TFloat32>) values, tf.constant(new float[] {0f}), at);
    }
    return gatherPadded(tf, (Operand<TString>) values, tf.constant(StandardCharsets.UTF_8, new String[] {""}), at);
  }

  private static <T extends TType> Operand<T> gatherPadded(Ops tf, Operand<T> values, Operand<T> fallback,
      Operand<TInt64> at) {
    return tf.gather(tf.concat(List.of(values, fallback), tf.constant(0)), at, tf.constant(0));
  }

  /** An empty string vector (Ops.constant rejects a zero-length array). */
  private static Operand<TString> noStrings(Ops tf) {
    return tf.constant(StandardCharsets.UTF_8, Shape.of(0), DataBuffers.ofObjects(String.class, 0));
  }

  @SuppressWarnings("unchecked")
  private Operand<TFloat32> preprocess(Ops tf, FeaturePlan plan) {
    List<Operand<TFloat32>> columns = new ArrayList<>();
    Operand<TFloat32> one = tf.constant(1f);
    for (int i = 0; i < plan.features().size(); i++) {
      InputFeature f = plan.features().get(i);
      Ops t = tf.withSubScope("f" + i);
      Operand<TFloat32> present = t.expandDims(presents.get(i), t.constant(1));
      Operand<TFloat32> missing = t.math.sub(one, present);
      if (f.categorical()) {
        Operand<TString> value = t.expandDims((Operand<TString>) values.get(i), t.constant(1));
        if (!f.vocabulary().isEmpty()) {
          Operand<TFloat32> hits = t.math.mul(VocabularyHits.of(t, value, f.vocabulary()), present);
          columns.add(hits);
          Operand<TFloat32> known = t.reduceSum(hits, t.constant(1), ReduceSum.keepDims(true));
          columns.add(t.math.sub(present, known)); // present but not in the vocabulary: OOV
        } else {
          columns.add(present);
        }
        columns.add(missing);
      } else {
        Operand<TFloat32> x = t.dtypes.cast(t.expandDims(values.get(i), t.constant(1)), TFloat32.class);
        Operand<TFloat32> imputed = t.math.add(t.math.mul(x, present), t.math.mul(t.constant((float) f.mean()),
            missing));
        Operand<TFloat32> z = t.math.div(t.math.sub(imputed, t.constant((float) f.mean())),
            t.constant((float) f.std()));
        columns.add(t.clipByValue(z, t.constant(-Z_CLIP), t.constant(Z_CLIP)));
        columns.add(missing);
        if (!f.boundaries().isEmpty()) {
          float[] cuts = new float[f.boundaries().size()];
          float[] ids = new float[cuts.length + 1];
          for (int k = 0; k < cuts.length; k++) {
            cuts[k] = f.boundaries().get(k).floatValue();
            ids[k + 1] = k + 1;
          }
          Operand<TFloat32> bucket = t.reduceSum(
              t.dtypes.cast(t.math.greaterEqual(imputed, t.constant(cuts)), TFloat32.class), t.constant(1),
              ReduceSum.keepDims(true));
          columns.add(t.dtypes.cast(t.math.equal(bucket, t.constant(ids)), TFloat32.class));
        }
      }
    }
    return tf.concat(columns, tf.constant(1));
  }

  /**
   * Variables are created in the root scope with flat names, which {@link TrainStep} extends into
   * its slot names.
   */
  private static Operand<TFloat32> model(Ops tf, Operand<TFloat32> x, int width, int outputs, TrainerParameters p,
      List<Variable<TFloat32>> variables) {
    Random random = new Random(p.seed());
    Ops m = tf.withSubScope("model");
    Operand<TFloat32> h = x;
    int in = width;
    if (p.model() == ModelType.DNN) {
      for (int k = 0; k < p.hiddenUnits().size(); k++) {
        int out = p.hiddenUnits().get(k);
        Variable<TFloat32> w = tf.withName("hidden" + k + "_weights").variable(tf.constant(glorot(random, in, out)));
        Variable<TFloat32> b = tf.withName("hidden" + k + "_bias").variable(tf.constant(new float[out]));
        variables.add(w);
        variables.add(b);
        h = m.nn.relu(m.math.add(m.linalg.matMul(h, w), b));
        in = out;
      }
    }
    float[][] init = p.model() == ModelType.DNN ? glorot(random, in, outputs) : new float[in][outputs];
    Variable<TFloat32> w = tf.withName("output_weights").variable(tf.constant(init));
    Variable<TFloat32> b = tf.withName("output_bias").variable(tf.constant(new float[outputs]));
    variables.add(w);
    variables.add(b);
    return m.math.add(m.linalg.matMul(h, w), b);
  }

  /** Glorot-uniform initial weights drawn in Java from the seed, so they do not depend on TF's RNG. */
  private static float[][] glorot(Random random, int in, int out) {
    double limit = Math.sqrt(6.0 / (in + out));
    float[][] w = new float[in][out];
    for (float[] row : w) {
      for (int j = 0; j < out; j++) {
        row[j] = (float) ((random.nextDouble() * 2 - 1) * limit);
      }
    }
    return w;
  }

  /**
   * log(sum_c exp(z_c)) - z_label per example, shifted by the row's maximum (a constant to the
   * gradient) so exp cannot overflow. Built from basic ops because TensorFlow's C++ gradient registry,
   * which TensorFlow Java trains with, has none for SparseSoftmaxCrossEntropyWithLogits.
   */
  private static Operand<TFloat32> softmaxCrossEntropy(Ops tf, Operand<TFloat32> z, Operand<TFloat32> labels,
      int classes) {
    Operand<TFloat32> max = tf.stopGradient(tf.reduceMax(z, tf.constant(1), ReduceMax.keepDims(true)));
    Operand<TFloat32> shifted = tf.math.sub(z, max);
    Operand<TFloat32> logSumExp = tf.math.log(tf.reduceSum(tf.math.exp(shifted), tf.constant(1)));
    Operand<TFloat32> oneHot = tf.oneHot(tf.dtypes.cast(labels, TInt64.class), tf.constant(classes), tf.constant(1f),
        tf.constant(0f));
    Operand<TFloat32> picked = tf.reduceSum(tf.math.mul(shifted, oneHot), tf.constant(1));
    return tf.math.sub(logSumExp, picked);
  }

  /** max(z, 0) - z * y + log(1 + exp(-|z|)): the numerically stable form, per example. */
  private static Operand<TFloat32> sigmoidCrossEntropy(Ops tf, Operand<TFloat32> z, Operand<TFloat32> labels) {
    Operand<TFloat32> y = tf.reshape(labels, tf.constant(new long[] {-1, 1}));
    Operand<TFloat32> loss = tf.math.add(
        tf.math.sub(tf.math.maximum(z, tf.constant(0f)), tf.math.mul(z, y)),
        tf.math.log1p(tf.math.exp(tf.math.neg(tf.math.abs(z)))));
    return tf.reshape(loss, tf.constant(new long[] {-1}));
  }

  static Class<? extends TType> tensorType(FeatureType type) {
    return switch (type) {
      case INT -> TInt64.class;
      case FLOAT -> TFloat32.class;
      case BYTES -> TString.class;
    };
  }

  @Override
  public void close() {
    session.close();
    graph.close();
  }
}
