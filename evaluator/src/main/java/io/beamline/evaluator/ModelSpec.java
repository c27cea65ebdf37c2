package io.beamline.evaluator;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.beamline.core.InvalidParameterException;
import java.io.Serializable;

/**
 * How to call a SavedModel: the signature, its input that takes serialized tf.Examples (a 1-D
 * DT_STRING), and its output holding the positive-class probability.
 *
 * <p>Defaults are Beamline's model contract: signature {@code serving_default}, input
 * {@code examples}, output {@code probability}. The output may be [batch], [batch, 1] (class index 0
 * by default) or [batch, k] (a Keras/Estimator class head: give {@code class_index}, usually 1).
 *
 * @param signatureName the signature key in the SavedModel's meta graph
 * @param inputKey the signature input fed with serialized tf.Examples
 * @param outputKey the signature output read as the probability of the positive class
 * @param classIndex the column of a [batch, k] output; null = 0 for a single-column output
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ModelSpec(String signatureName, String inputKey, String outputKey, Integer classIndex)
    implements Serializable {
  public ModelSpec {
    signatureName = orDefault(signatureName, "serving_default");
    inputKey = orDefault(inputKey, "examples");
    outputKey = orDefault(outputKey, "probability");
    if (classIndex != null && classIndex < 0) {
      throw new InvalidParameterException("class_index must be >= 0, got " + classIndex);
    }
  }

  public static ModelSpec defaults() {
    return new ModelSpec(null, null, null, null);
  }

  private static String orDefault(String value, String fallback) {
    return value == null || value.isBlank() ? fallback : value;
  }
}
