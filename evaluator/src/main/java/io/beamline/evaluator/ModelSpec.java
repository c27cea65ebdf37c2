package io.beamline.evaluator;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.beamline.core.InvalidParameterException;
import java.io.Serializable;

/**
 * How to call a SavedModel: the signature, what it is fed, and which output is scored.
 *
 * <p>Inputs: with {@code input_key}, that input takes the serialized tf.Examples (a 1-D DT_STRING).
 * Without it, a signature whose only input is a DT_STRING takes serialized tf.Examples (TF Serving's
 * and TFX's convention, whatever the input's name); any other signature is fed named feature tensors:
 * each input from the example's feature of the same name, one value per example, converted to the
 * input's type ({@code feature_inputs: true} forces this for a lone string input).
 *
 * <p>Output: {@code output_key}, or when left out the signature's only output, or Beamline's own
 * scored output ({@code probability}, {@code probabilities} or {@code prediction}, beside logits). It may be [batch], [batch, 1]
 * or [batch, k]; for a binary model over a [batch, k] output give {@code class_index} (usually 1).
 * {@code output_transform} turns logits into probabilities ({@code sigmoid}, {@code softmax}).
 *
 * @param signatureName the signature key in the SavedModel's meta graph; default {@code serving_default}
 * @param inputKey the signature input fed with serialized tf.Examples; null = decided as above
 * @param outputKey the signature output scored; null = decided as above
 * @param classIndex binary only: the column of a [batch, k] output holding the positive class
 * @param outputTransform applied to the output before the metrics; null = none
 * @param featureInputs true: feed every input from the feature of its name; null = decided as above
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ModelSpec(String signatureName, String inputKey, String outputKey, Integer classIndex,
    OutputTransform outputTransform, Boolean featureInputs) implements Serializable {
  public ModelSpec {
    signatureName = orNull(signatureName) == null ? "serving_default" : signatureName;
    inputKey = orNull(inputKey);
    outputKey = orNull(outputKey);
    outputTransform = outputTransform == null ? OutputTransform.NONE : outputTransform;
    if (classIndex != null && classIndex < 0) {
      throw new InvalidParameterException("class_index must be >= 0, got " + classIndex);
    }
    if (inputKey != null && Boolean.TRUE.equals(featureInputs)) {
      throw new InvalidParameterException("input_key '" + inputKey + "' (serialized tf.Examples) and feature_inputs"
          + " (named feature tensors) exclude each other");
    }
  }

  public ModelSpec(String signatureName, String inputKey, String outputKey, Integer classIndex) {
    this(signatureName, inputKey, outputKey, classIndex, null, null);
  }

  public static ModelSpec defaults() {
    return new ModelSpec(null, null, null, null, null, null);
  }

  public ModelSpec withOutput(String key, OutputTransform transform) {
    return new ModelSpec(signatureName, inputKey, key, classIndex, transform, featureInputs);
  }

  private static String orNull(String value) {
    return value == null || value.isBlank() ? null : value;
  }
}
