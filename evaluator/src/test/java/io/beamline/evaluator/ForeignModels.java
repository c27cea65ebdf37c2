package io.beamline.evaluator;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Session;
import org.tensorflow.Signature;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.HashTable;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Stack;
import org.tensorflow.op.io.ParseExample;
import org.tensorflow.proto.AssetFileDef;
import org.tensorflow.proto.SavedModel;
import org.tensorflow.proto.SignatureDef;
import org.tensorflow.proto.TensorInfo;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;
import org.tensorflow.types.TString;
import org.tensorflow.types.family.TType;

/**
 * SavedModels shaped like ones trained by other tools (a Keras model exported by TFX: signature
 * {@code serving_default}, output {@code output_0}, logits; a model over named feature tensors; a
 * vocabulary lookup table initialized from an asset file, as TFX Transform writes), built with
 * TensorFlow Java. All compute from {@link EvalData}'s features x1, x2, kind and hour.
 */
final class ForeignModels {
  /** The vocabulary of {@code kind}, one term per line: line i is id i. */
  static final List<String> KIND_VOCABULARY = List.of("a", "<b>");
  /** Bias per kind id; an unknown kind (id -1, shifted to 2) gets a very different one. */
  static final float[] KIND_BIAS = {0.25f, 1.25f, -6f};
  static final float[][] CLASS_WEIGHTS = {{1.5f, -1f, 0.1f}, {-1f, 1.2f, 0f}, {-0.5f, -0.2f, 0.3f}};

  private ForeignModels() {}

  /** The logit of the Keras-like binary model: 2 x1 - 1.5 x2 + bias(kind). */
  static double kerasLogit(float x1, float x2, String kind) {
    int id = KIND_VOCABULARY.indexOf(kind);
    return 2f * x1 + -1.5f * x2 + KIND_BIAS[id < 0 ? 2 : id];
  }

  /**
   * Serialized tf.Examples in ({@code examples}), logits out ({@code output_0}, [batch, 1]); {@code
   * kind} goes through a hash table filled from {@code assets/kind_vocab.txt} by the init op, with the
   * file registered as an asset so that the loader feeds its location wherever the model is. TensorFlow
   * Java's exporter records no init op, so this one is added as TensorFlow 2 does (signature
   * {@code __saved_model_init_op}).
   */
  static Path kerasWithVocabulary(Path modelUri) throws Exception {
    Path serving = modelUri.resolve("Format-Serving");
    Path staging = Files.createTempDirectory("vocab-");
    Path vocabulary = staging.resolve("kind_vocab.txt");
    Files.writeString(vocabulary, String.join("\n", KIND_VOCABULARY) + "\n");
    try (Graph g = new Graph(); Session s = new Session(g)) {
      Ops tf = Ops.create(g);
      Placeholder<TString> examples = tf.withName("serialized").placeholder(TString.class,
          Placeholder.shape(Shape.of(-1)));
      List<Operand<?>> parsed = parse(tf, examples, List.of("x1", "x2"), List.of("kind"));
      Ops init = tf.withInitScope();
      Operand<TString> path = init.withName("vocabulary_path").constant(vocabulary.toString());
      // a shared name, as TensorFlow's Python tables get: the init op and the lookups then reach one table
      var table = init.hashTable(TString.class, TInt64.class, HashTable.sharedName("hash_table_kind_vocab_-2_-1"));
      // key: the whole line (-2), value: the line number (-1), as TFX Transform's vocabulary lookups
      var fillTable = init.initializeTableFromTextFile(table, path, -2L, -1L);
      // What TensorFlow's Python builder records as the init op: the loader runs it, feeding the asset's path.
      init.withName("init_all_tables").withControlDependencies(List.of(fillTable)).noOp();
      @SuppressWarnings("unchecked")
      Operand<TString> kind = (Operand<TString>) parsed.get(2);
      Operand<TInt64> id = tf.lookupTableFind(table, kind, tf.constant(-1L));
      Operand<TInt64> shifted = tf.select(tf.math.less(id, tf.constant(0L)), tf.fill(tf.shape(id), tf.constant(2L)), id);
      Operand<TFloat32> bias = tf.gather(tf.constant(KIND_BIAS), shifted, tf.constant(0));
      @SuppressWarnings("unchecked")
      Operand<TFloat32> x1 = (Operand<TFloat32>) parsed.get(0);
      @SuppressWarnings("unchecked")
      Operand<TFloat32> x2 = (Operand<TFloat32>) parsed.get(1);
      var w = tf.variable(tf.constant(new float[] {2f, -1.5f}));
      Operand<TFloat32> logit = tf.math.add(tf.math.add(
          tf.math.mul(x1, tf.gather(w, tf.constant(0), tf.constant(0))),
          tf.math.mul(x2, tf.gather(w, tf.constant(1), tf.constant(0)))), bias);
      Operand<TFloat32> column = tf.reshape(logit, tf.constant(new long[] {-1, 1}));
      s.initialize();
      SavedModelBundle.exporter(serving.toString()).withSession(s)
          .withSignature(Signature.builder("serving_default").input("examples", examples)
              .output("output_0", column).build())
          .export();
      registerAsset(serving, vocabulary, path);
    }
    return modelUri;
  }

  /**
   * Named feature tensors in: {@code x1} [batch], {@code x2} [batch, 1] floats and {@code hour}
   * [batch] int64; the probability out ({@code scores}, [batch]): sigmoid(2 x1 - 1.5 x2 + 0.1 hour).
   */
  static Path featureInputs(Path modelUri) throws Exception {
    Path serving = modelUri.resolve("Format-Serving");
    try (Graph g = new Graph(); Session s = new Session(g)) {
      Ops tf = Ops.create(g);
      var x1 = tf.withName("x1").placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1)));
      var x2 = tf.withName("x2").placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, 1)));
      var hour = tf.withName("hour").placeholder(TInt64.class, Placeholder.shape(Shape.of(-1)));
      Operand<TFloat32> logit = tf.math.add(tf.math.add(tf.math.mul(x1, tf.constant(2f)),
          tf.math.mul(tf.reshape(x2, tf.constant(new long[] {-1})), tf.constant(-1.5f))),
          tf.math.mul(tf.dtypes.cast(hour, TFloat32.class), tf.constant(0.1f)));
      var w = tf.variable(tf.constant(1f));
      Operand<TFloat32> p = tf.math.sigmoid(tf.math.mul(logit, w));
      s.initialize();
      SavedModelBundle.exporter(serving.toString()).withSession(s)
          .withSignature(Signature.builder("serving_default").input("x1", x1).input("x2", x2).input("hour", hour)
              .output("scores", p).build())
          .export();
    }
    return modelUri;
  }

  static double featureProbability(float x1, float x2, long hour) {
    return 1 / (1 + Math.exp(-(2f * x1 + -1.5f * x2 + 0.1f * hour)));
  }

  /** Serialized examples in, three-class logits out ({@code output_0}, [batch, 3]): CLASS_WEIGHTS . (x1, x2, 1). */
  static Path multiclassLogits(Path modelUri) throws Exception {
    Path serving = modelUri.resolve("Format-Serving");
    try (Graph g = new Graph(); Session s = new Session(g)) {
      Ops tf = Ops.create(g);
      Placeholder<TString> examples = tf.placeholder(TString.class, Placeholder.shape(Shape.of(-1)));
      List<Operand<?>> parsed = parse(tf, examples, List.of("x1", "x2"), List.of());
      @SuppressWarnings("unchecked")
      Operand<TFloat32> x1 = (Operand<TFloat32>) parsed.get(0);
      @SuppressWarnings("unchecked")
      Operand<TFloat32> x2 = (Operand<TFloat32>) parsed.get(1);
      Operand<TFloat32> x = tf.stack(List.of(x1, x2, tf.onesLike(x1)), Stack.axis(1L));
      float[][] transposed = new float[3][3];
      for (int c = 0; c < 3; c++) {
        for (int f = 0; f < 3; f++) {
          transposed[f][c] = CLASS_WEIGHTS[c][f];
        }
      }
      var w = tf.variable(tf.constant(transposed));
      Operand<TFloat32> logits = tf.linalg.matMul(x, w);
      s.initialize();
      SavedModelBundle.exporter(serving.toString()).withSession(s)
          .withSignature(Signature.builder("serving_default").input("examples", examples)
              .output("output_0", logits).build())
          .export();
    }
    return modelUri;
  }

  static double[] classProbabilities(float x1, float x2) {
    double[] logits = new double[3];
    double max = Double.NEGATIVE_INFINITY;
    for (int c = 0; c < 3; c++) {
      logits[c] = CLASS_WEIGHTS[c][0] * x1 + CLASS_WEIGHTS[c][1] * x2 + CLASS_WEIGHTS[c][2];
      max = Math.max(max, logits[c]);
    }
    double sum = 0;
    for (int c = 0; c < 3; c++) {
      logits[c] = Math.exp(logits[c] - max);
      sum += logits[c];
    }
    for (int c = 0; c < 3; c++) {
      logits[c] /= sum;
    }
    return logits;
  }

  /** Named float inputs x1, x2 ([batch]); a number out ({@code output_0}, [batch, 1]): 3 x1 - 2 x2 + 10. */
  static Path regression(Path modelUri) throws Exception {
    Path serving = modelUri.resolve("Format-Serving");
    try (Graph g = new Graph(); Session s = new Session(g)) {
      Ops tf = Ops.create(g);
      var x1 = tf.withName("x1").placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1)));
      var x2 = tf.withName("x2").placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1)));
      var w = tf.variable(tf.constant(new float[] {3f, -2f, 10f}));
      Operand<TFloat32> y = tf.math.add(tf.math.add(
          tf.math.mul(x1, tf.gather(w, tf.constant(0), tf.constant(0))),
          tf.math.mul(x2, tf.gather(w, tf.constant(1), tf.constant(0)))), tf.gather(w, tf.constant(2), tf.constant(0)));
      s.initialize();
      SavedModelBundle.exporter(serving.toString()).withSession(s)
          .withSignature(Signature.builder("serving_default").input("x1", x1).input("x2", x2)
              .output("output_0", tf.reshape(y, tf.constant(new long[] {-1, 1}))).build())
          .export();
    }
    return modelUri;
  }

  static double regressionPrediction(float x1, float x2) {
    return 3f * x1 + -2f * x2 + 10f;
  }

  /** Dense features of one value each: floats first (default 0), then strings (default ""). */
  private static List<Operand<?>> parse(Ops tf, Operand<TString> examples, List<String> floats, List<String> strings) {
    List<String> keys = new ArrayList<>(floats);
    keys.addAll(strings);
    List<Operand<?>> defaults = new ArrayList<>();
    List<Shape> shapes = new ArrayList<>();
    for (String f : floats) {
      defaults.add(tf.constant(new float[] {0f}));
      shapes.add(Shape.of(1));
    }
    for (String f : strings) {
      defaults.add(tf.constant(StandardCharsets.UTF_8, new String[] {""}));
      shapes.add(Shape.of(1));
    }
    ParseExample parsed = tf.io.parseExample(examples, noStrings(tf), noStrings(tf),
        tf.constant(StandardCharsets.UTF_8, keys.toArray(String[]::new)), noStrings(tf), defaults, 0L, List.of(),
        List.of(), List.of(), shapes);
    List<Operand<?>> out = new ArrayList<>();
    for (Operand<? extends TType> dense : parsed.denseValues()) {
      out.add(tf.reshape(dense, tf.constant(new long[] {-1})));
    }
    return out;
  }

  private static Operand<TString> noStrings(Ops tf) {
    return tf.constant(StandardCharsets.UTF_8, Shape.of(0), DataBuffers.ofObjects(new String[0]));
  }

  /**
   * Copies {@code file} into the SavedModel's {@code assets/} and records it in the meta graph's
   * asset_file_def for the tensor holding its path, as TensorFlow's builder does; then deletes the
   * original, so a model that still read it from there would fail.
   */
  private static void registerAsset(Path serving, Path file, Operand<TString> pathTensor) throws Exception {
    Path assets = Files.createDirectories(serving.resolve("assets"));
    Files.copy(file, assets.resolve(file.getFileName()));
    Path pb = serving.resolve("saved_model.pb");
    SavedModel model = SavedModel.parseFrom(Files.readAllBytes(pb));
    SavedModel.Builder builder = model.toBuilder();
    builder.getMetaGraphsBuilder(0).addAssetFileDef(AssetFileDef.newBuilder()
        .setTensorInfo(TensorInfo.newBuilder().setName(pathTensor.op().name() + ":0"))
        .setFilename(file.getFileName().toString()))
        .putSignatureDef("__saved_model_init_op", SignatureDef.newBuilder().putOutputs("__saved_model_init_op",
            TensorInfo.newBuilder().setName("init_all_tables").build()).build());
    Files.write(pb, builder.build().toByteArray());
    Files.delete(file);
    Files.delete(file.getParent());
  }
}
