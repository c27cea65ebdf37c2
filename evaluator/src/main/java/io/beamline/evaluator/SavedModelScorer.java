package io.beamline.evaluator;

import io.beamline.core.InvalidInputException;
import io.beamline.core.component.ArtifactUris;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.proto.DataType;
import org.tensorflow.proto.SignatureDef;
import org.tensorflow.proto.TensorInfo;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TString;

/**
 * One loaded SavedModel, called through a signature with batches of serialized tf.Examples. The
 * signature, input and output are checked at load time so a wrong eval config fails before any data
 * is read, naming what the model does have.
 */
final class SavedModelScorer implements AutoCloseable {
  private static final String SERVING_DIR = "Format-Serving";
  private static final String SERVE_TAG = "serve";

  private final SavedModelBundle bundle;
  private final String inputTensor;
  private final String outputTensor;
  private final int classIndex;
  private final String description;

  private SavedModelScorer(SavedModelBundle bundle, String inputTensor, String outputTensor, int classIndex,
      String description) {
    this.bundle = bundle;
    this.inputTensor = inputTensor;
    this.outputTensor = outputTensor;
    this.classIndex = classIndex;
    this.description = description;
  }

  /**
   * Loads {@code <modelUri>/Format-Serving} (or {@code modelUri} itself when it is the SavedModel
   * directory) and resolves the signature.
   */
  static SavedModelScorer load(String modelUri, ModelSpec spec) {
    String dir = savedModelDir(modelUri);
    SavedModelBundle bundle;
    try {
      bundle = SavedModelBundle.load(loadablePath(dir), SERVE_TAG);
    } catch (RuntimeException e) {
      throw new InvalidInputException("Cannot load a SavedModel with tag 'serve' from " + dir + ": "
          + e.getMessage(), e);
    }
    try {
      Map<String, SignatureDef> signatures = bundle.metaGraphDef().getSignatureDefMap();
      SignatureDef signature = signatures.get(spec.signatureName());
      if (signature == null) {
        throw new InvalidInputException("Model " + dir + " has no signature '" + spec.signatureName()
            + "'; its signatures are " + new java.util.TreeSet<>(signatures.keySet()));
      }
      String where = "Model " + dir + ", signature '" + spec.signatureName() + "'";
      TensorInfo input = signature.getInputsMap().get(spec.inputKey());
      if (input == null) {
        throw new InvalidInputException(where + " has no input '" + spec.inputKey() + "'; its inputs are "
            + new java.util.TreeSet<>(signature.getInputsMap().keySet()));
      }
      if (input.getDtype() != DataType.DT_STRING) {
        throw new InvalidInputException(where + ": input '" + spec.inputKey() + "' is " + input.getDtype()
            + "; expected DT_STRING (serialized tf.Examples)");
      }
      TensorInfo output = signature.getOutputsMap().get(spec.outputKey());
      if (output == null) {
        throw new InvalidInputException(where + " has no output '" + spec.outputKey() + "'; its outputs are "
            + new java.util.TreeSet<>(signature.getOutputsMap().keySet()));
      }
      if (output.getDtype() != DataType.DT_FLOAT) {
        throw new InvalidInputException(where + ": output '" + spec.outputKey() + "' is " + output.getDtype()
            + "; expected DT_FLOAT probabilities");
      }
      int classIndex = classIndex(where, spec, output);
      return new SavedModelScorer(bundle, input.getName(), output.getName(), classIndex, where);
    } catch (RuntimeException e) {
      bundle.close();
      throw e;
    }
  }

  private static int classIndex(String where, ModelSpec spec, TensorInfo output) {
    List<Long> dims = output.getTensorShape().getDimList().stream().map(d -> d.getSize()).toList();
    long columns = dims.size() >= 2 ? dims.get(dims.size() - 1) : 1;
    if (spec.classIndex() == null) {
      if (columns > 1) {
        throw new InvalidInputException(where + ": output '" + spec.outputKey() + "' has shape " + dims
            + " (" + columns + " classes); give class_index (1 is the positive class of a two-class head)");
      }
      return 0;
    }
    if (columns > 0 && spec.classIndex() >= columns) {
      throw new InvalidInputException(where + ": class_index " + spec.classIndex() + " is out of range for output '"
          + spec.outputKey() + "' of shape " + dims);
    }
    return spec.classIndex();
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

  /** The positive-class probability of each serialized example, in order. */
  float[] score(List<byte[]> serialized) {
    int n = serialized.size();
    try (TString input = TString.tensorOfBytes(Shape.of(n), DataBuffers.ofObjects(serialized.toArray(byte[][]::new)));
         var result = bundle.session().runner().feed(inputTensor, input).fetch(outputTensor).run()) {
      Tensor out = result.get(0);
      if (!(out instanceof TFloat32 probabilities)) {
        throw new InvalidInputException(description + ": output is " + out.dataType() + ", expected float");
      }
      Shape shape = probabilities.shape();
      if (shape.numDimensions() == 0 || shape.size(0) != n) {
        throw new InvalidInputException(description + ": output shape " + shape + " does not have one row per"
            + " example (" + n + " fed)");
      }
      float[] scores = new float[n];
      for (int i = 0; i < n; i++) {
        scores[i] = shape.numDimensions() == 1 ? probabilities.getFloat(i) : probabilities.getFloat(i, classIndex);
      }
      return scores;
    }
  }

  String description() {
    return description;
  }

  @Override
  public void close() {
    bundle.close();
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
