package io.beamline.evaluator;

import io.beamline.core.InvalidInputException;
import io.beamline.core.component.ArtifactUris;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicBoolean;
import org.tensorflow.Result;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Session;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.proto.AssetFileDef;
import org.tensorflow.proto.CollectionDef;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.proto.DataType;
import org.tensorflow.proto.MetaGraphDef;
import org.tensorflow.proto.Example;
import org.tensorflow.proto.SignatureDef;
import org.tensorflow.proto.TensorInfo;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TFloat64;
import org.tensorflow.types.TString;

/**
 * One loaded SavedModel, called through a signature with batches of examples: serialized, or as named
 * feature tensors (see {@link ModelSpec}). The signature, inputs and output are checked at load time
 * so a wrong eval config fails before any data is read, naming what the model does have. Scorers of
 * the same model in one JVM share its session ({@link LoadedModels}); scoring is safe from several
 * threads at once. The
 * SavedModel loader runs the model's init op with its asset files (vocabularies), so lookup tables
 * work wherever the model directory is.
 */
final class SavedModelScorer implements AutoCloseable {
  private static final String SERVING_DIR = "Format-Serving";
  private static final String SERVE_TAG = "serve";
  /** Beamline's own outputs (binary, multiclass, regression heads), scored when a signature has several and none is named. */
  private static final List<String> DEFAULT_OUTPUTS = List.of("probability", "probabilities", "prediction");
  private static final String INIT_OP_SIGNATURE = "__saved_model_init_op";
  /**
   * Each model call runs in the thread that makes it, on one core: the runner's workers (the
   * DirectRunner's threads, a Flink slot, a Spark executor core) each score their own batch, so
   * TensorFlow's own pools (one thread per core each by default) only added hand-offs and more
   * threads than cores. A negative inter-op count is TensorFlow's "run every op in the caller's
   * thread". evaluate x100 6.92 -> 6.72 s, mean of four interleaved runs (faster in each pair).
   */
  private static final ConfigProto SESSION_CONFIG = ConfigProto.newBuilder()
      .setInterOpParallelismThreads(-1)
      .setIntraOpParallelismThreads(1)
      .build();

  /** The SavedModel directory: the bundle's key in {@link LoadedModels}. */
  private final String dir;
  private final SavedModelBundle bundle;
  private final RecordBatchTensor records;
  private final AtomicBoolean closed = new AtomicBoolean();
  /** The serialized-examples input, or null when the model takes feature tensors. */
  private final String inputTensor;
  private final List<FeatureTensors> featureInputs;
  private final String outputTensor;
  private final String outputKey;
  /** Columns per example as the signature declares them: 1 for [batch] and [batch, 1]; -1 unknown. */
  private final long declaredColumns;
  private final OutputTransform transform;
  private final String description;

  private SavedModelScorer(String dir, Model model, String inputTensor, List<FeatureTensors> featureInputs,
      String outputTensor, String outputKey, long declaredColumns, OutputTransform transform, String description) {
    this.dir = dir;
    this.bundle = model.bundle();
    this.records = model.records();
    this.inputTensor = inputTensor;
    this.featureInputs = featureInputs;
    this.outputTensor = outputTensor;
    this.outputKey = outputKey;
    this.declaredColumns = declaredColumns;
    this.transform = transform;
    this.description = description;
  }

  /** A batch's outputs: {@code columns} values per example, row after row, transformed. */
  record Scores(float[] values, int columns) {
    float at(int example, int column) {
      return values[example * columns + column];
    }
  }

  /**
   * Loads {@code <modelUri>/Format-Serving} (or {@code modelUri} itself when it is the SavedModel
   * directory) and resolves the signature.
   */
  static SavedModelScorer load(String modelUri, ModelSpec spec) {
    String dir = savedModelDir(modelUri);
    Model model = LoadedModels.acquire(dir, SavedModelScorer::loadModel);
    SavedModelBundle bundle = model.bundle();
    try {
      Map<String, SignatureDef> signatures = bundle.metaGraphDef().getSignatureDefMap();
      SignatureDef signature = signatures.get(spec.signatureName());
      if (signature == null) {
        throw new InvalidInputException("Model " + dir + " has no signature '" + spec.signatureName()
            + "'; its signatures are " + new TreeSet<>(signatures.keySet()));
      }
      String where = "Model " + dir + ", signature '" + spec.signatureName() + "'";
      Map<String, TensorInfo> inputs = new TreeMap<>(signature.getInputsMap());
      String inputTensor = null;
      List<FeatureTensors> features = new ArrayList<>();
      String examplesKey = spec.inputKey();
      if (examplesKey == null && !Boolean.TRUE.equals(spec.featureInputs()) && inputs.size() == 1
          && inputs.values().iterator().next().getDtype() == DataType.DT_STRING) {
        examplesKey = inputs.keySet().iterator().next();
      }
      if (examplesKey != null) {
        TensorInfo input = inputs.get(examplesKey);
        if (input == null) {
          throw new InvalidInputException(where + " has no input '" + examplesKey + "'; its inputs are "
              + describe(inputs));
        }
        if (input.getDtype() != DataType.DT_STRING) {
          throw new InvalidInputException(where + ": input '" + examplesKey + "' is " + input.getDtype()
              + "; expected DT_STRING (serialized tf.Examples)");
        }
        if (inputs.size() > 1) {
          throw new InvalidInputException(where + " has inputs " + describe(inputs) + "; serialized tf.Examples"
              + " go to '" + examplesKey + "' and nothing feeds the others (leave input_key out to feed every"
              + " input from the feature of its name)");
        }
        inputTensor = input.getName();
      } else {
        for (Map.Entry<String, TensorInfo> input : inputs.entrySet()) {
          features.add(FeatureTensors.of(where, input.getKey(), input.getValue()));
        }
      }
      Map<String, TensorInfo> outputs = new TreeMap<>(signature.getOutputsMap());
      String outputKey = spec.outputKey();
      if (outputKey == null) {
        outputKey = outputs.size() == 1 ? outputs.keySet().iterator().next()
            : DEFAULT_OUTPUTS.stream().filter(outputs::containsKey).findFirst().orElse(null);
        if (outputKey == null) {
          throw new InvalidInputException(where + " has outputs " + describe(outputs)
              + "; give output_key to say which one to score");
        }
      }
      TensorInfo output = outputs.get(outputKey);
      if (output == null) {
        throw new InvalidInputException(where + " has no output '" + outputKey + "'; its outputs are "
            + outputs.keySet());
      }
      if (output.getDtype() != DataType.DT_FLOAT && output.getDtype() != DataType.DT_DOUBLE) {
        throw new InvalidInputException(where + ": output '" + outputKey + "' is " + output.getDtype()
            + "; expected DT_FLOAT or DT_DOUBLE (probabilities, logits or values)");
      }
      List<Long> dims = output.getTensorShape().getDimList().stream().map(d -> d.getSize()).toList();
      if (dims.size() > 2) {
        throw new InvalidInputException(where + ": output '" + outputKey + "' has shape " + dims
            + "; expected [batch], [batch, 1] or [batch, classes]");
      }
      long columns = output.getTensorShape().getUnknownRank() ? -1 : dims.size() == 2 ? dims.get(1) : 1;
      if (spec.classIndex() != null && columns > 0 && spec.classIndex() >= columns) {
        throw new InvalidInputException(where + ": class_index " + spec.classIndex() + " is out of range for output '"
            + outputKey + "' of shape " + dims);
      }
      return new SavedModelScorer(dir, model, inputTensor, List.copyOf(features), output.getName(), outputKey,
          columns, spec.outputTransform(), where);
    } catch (RuntimeException | Error e) {
      LoadedModels.release(dir);
      throw e;
    }
  }

  /** A loaded SavedModel with the ops that make its batches of serialized examples ({@link RecordBatchTensor}). */
  record Model(SavedModelBundle bundle, RecordBatchTensor records) implements AutoCloseable {
    @Override
    public void close() {
      bundle.close();
    }
  }

  /**
   * Loads the SavedModel of {@code dir} with its init op run and the batch-cutting ops added, before
   * any scorer shares it; the bundle is closed if that fails.
   */
  private static Model loadModel(String dir) {
    SavedModelBundle bundle;
    try {
      bundle = SavedModelBundle.loader(loadablePath(dir)).withTags(SERVE_TAG).withConfigProto(SESSION_CONFIG).load();
    } catch (RuntimeException e) {
      throw new InvalidInputException("Cannot load a SavedModel with tag 'serve' from " + dir + ": "
          + e.getMessage(), e);
    }
    try {
      runInitOp(bundle, dir);
      return new Model(bundle, RecordBatchTensor.addTo(bundle.graph()));
    } catch (RuntimeException e) {
      bundle.close();
      throw e;
    }
  }

  /**
   * Runs the model's init op (lookup tables, vocabularies) with each asset file's path fed to the
   * tensor its {@code asset_file_def} names, as TensorFlow's Python and C++ loaders do. Needed because
   * TensorFlow Java's loader restores the variables but leaves a TF2 {@code __saved_model_init_op}
   * (or a TF1 {@code saved_model_main_op} / {@code legacy_init_op}) unrun: lookups then fail with
   * "Table not initialized". Running it again where a loader already did is harmless (a table
   * initialized with the same data stays as it is).
   */
  private static void runInitOp(SavedModelBundle bundle, String dir) {
    MetaGraphDef meta = bundle.metaGraphDef();
    String initOp = null;
    SignatureDef initSignature = meta.getSignatureDefMap().get(INIT_OP_SIGNATURE);
    if (initSignature != null && initSignature.getOutputsMap().containsKey(INIT_OP_SIGNATURE)) {
      initOp = initSignature.getOutputsMap().get(INIT_OP_SIGNATURE).getName();
    } else {
      for (String collection : List.of("saved_model_main_op", "legacy_init_op")) {
        CollectionDef def = meta.getCollectionDefMap().get(collection);
        if (def != null && def.getNodeList().getValueCount() == 1) {
          initOp = def.getNodeList().getValue(0);
          break;
        }
      }
    }
    if (initOp == null) {
      return;
    }
    List<Tensor> paths = new ArrayList<>();
    try {
      Session.Runner runner = bundle.session().runner().addTarget(initOp.replaceFirst(":0$", ""));
      for (AssetFileDef asset : meta.getAssetFileDefList()) {
        TString path = TString.scalarOf(ArtifactUris.child(ArtifactUris.child(dir, "assets"), asset.getFilename()));
        paths.add(path);
        runner.feed(asset.getTensorInfo().getName(), path);
      }
      runner.run();
    } catch (RuntimeException e) {
      throw new InvalidInputException("Model " + dir + ": its init op '" + initOp + "' failed (assets "
          + meta.getAssetFileDefList().stream().map(AssetFileDef::getFilename).toList() + " under " + dir
          + "/assets): " + e.getMessage(), e);
    } finally {
      paths.forEach(Tensor::close);
    }
  }

  /** Inputs or outputs as {@code name: DTYPE [shape]}, for error messages. */
  private static List<String> describe(Map<String, TensorInfo> tensors) {
    List<String> out = new ArrayList<>();
    tensors.forEach((key, info) -> out.add(key + ": " + info.getDtype() + " "
        + info.getTensorShape().getDimList().stream().map(d -> d.getSize()).toList()));
    return out;
  }

  /** Values per example the signature declares (1 for [batch] and [batch, 1]); -1 when it does not say. */
  long declaredColumns() {
    return declaredColumns;
  }

  String outputKey() {
    return outputKey;
  }

  boolean takesFeatures() {
    return inputTensor == null;
  }

  static String savedModelDir(String modelUri) {
    Optional<Path> local = ArtifactUris.localPath(modelUri);
    if (local.isPresent() && Files.isDirectory(local.get().resolve(SERVING_DIR))) {
      return local.get().resolve(SERVING_DIR).toString();
    }
    if (local.isPresent()) {
      if (!Files.exists(local.get().resolve("saved_model.pb"))) {
        throw new InvalidInputException("Model " + modelUri + " has neither " + SERVING_DIR
            + "/saved_model.pb nor saved_model.pb");
      }
      return local.get().toString();
    }
    return ArtifactUris.child(modelUri, SERVING_DIR);
  }

  /**
   * The model's outputs for a batch, in order: fed {@code serialized} or, for a feature-input model,
   * tensors built from {@code examples} ({@code indexes}: their record numbers, for errors).
   */
  Scores score(List<byte[]> serialized, List<Example> examples, long[] indexes) {
    int n = serialized.size();
    Session.Runner runner = bundle.session().runner();
    if (inputTensor != null) {
      try (Result cut = records.cut(bundle.session(), serialized)) {
        return run(runner.feed(inputTensor, cut.get(0)), n);
      }
    }
    List<Tensor> fed = new ArrayList<>();
    try {
      for (FeatureTensors feature : featureInputs) {
        Tensor input = feature.tensor(examples, indexes, description);
        fed.add(input);
        runner.feed(feature.tensorName(), input);
      }
      return run(runner, n);
    } finally {
      fed.forEach(Tensor::close);
    }
  }

  private Scores run(Session.Runner fed, int n) {
    try (Result result = fed.fetch(outputTensor).run()) {
      return read(result.get(0), n);
    }
  }

  private Scores read(Tensor out, int n) {
    Shape shape = out.shape();
    if (shape.numDimensions() == 0 || shape.numDimensions() > 2 || shape.size(0) != n) {
      throw new InvalidInputException(description + ": output '" + outputKey + "' has shape " + shape
          + ", expected one row per example (" + n + " fed)");
    }
    int columns = shape.numDimensions() == 1 ? 1 : (int) shape.size(1);
    float[] values = new float[n * columns];
    if (out instanceof TFloat32 floats) {
      floats.copyTo(DataBuffers.of(values, false, false));
    } else if (out instanceof TFloat64 doubles) {
      double[] wide = new double[values.length];
      doubles.copyTo(DataBuffers.of(wide, false, false));
      for (int i = 0; i < wide.length; i++) {
        values[i] = (float) wide[i];
      }
    } else {
      throw new InvalidInputException(description + ": output '" + outputKey + "' is " + out.dataType()
          + ", expected float or double");
    }
    transform.apply(values, columns);
    return new Scores(values, columns);
  }

  String description() {
    return description;
  }

  /**
   * Done with the model: the last scorer of its directory in this JVM closes it, so a model retrained
   * into the same directory is loaded anew by the next scorer. Closing twice is harmless.
   */
  @Override
  public void close() {
    if (!closed.getAndSet(true)) {
      LoadedModels.release(dir);
    }
  }

  /**
   * TensorFlow finds a SavedModel's variables by matching a file pattern, so a directory whose path
   * holds glob characters ({@code [1]}, {@code *}, {@code ?}) fails to load. Such a local model is
   * loaded through a symbolic link with a plain name (removed when the JVM exits); any other path is
   * loaded as it is.
   */
  private static String loadablePath(String dir) {
    if (dir.chars().noneMatch(c -> c == '[' || c == '*' || c == '?' || c == '\\')) {
      return dir;
    }
    Optional<Path> local = ArtifactUris.localPath(dir);
    if (local.isEmpty()) {
      return dir;
    }
    try {
      Path tmp = Files.createTempDirectory("beamline-model-");
      Path link = Files.createSymbolicLink(tmp.resolve("model"), local.get().toAbsolutePath());
      tmp.toFile().deleteOnExit();
      link.toFile().deleteOnExit();
      return link.toString();
    } catch (IOException e) {
      throw new InvalidInputException("Cannot link model " + dir + " to a path TensorFlow can load: "
          + e.getMessage(), e);
    }
  }
}
