package io.beamline.evaluator;

import io.beamline.core.InvalidInputException;
import io.beamline.evaluator.metrics.LabeledPrediction;
import io.beamline.evaluator.metrics.Task;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.tensorflow.proto.Example;
import org.tensorflow.proto.Feature;

/**
 * Reads an example's label as the task needs it (binary: 0 or 1; multiclass: a class id, from an
 * integer or from a string looked up in the class names; regression: any finite number) and checks
 * the model's prediction for it, so that bad data fails naming what was expected.
 */
final class Labels {
  private final Task task;
  private final String labelKey;
  private final String source;
  private final List<String> classNames;
  private final Map<String, Integer> classIds = new HashMap<>();

  Labels(EvaluatorParameters config, String source) {
    this.task = config.task() == null ? Task.BINARY : config.task();
    this.labelKey = config.labelKey();
    this.source = source;
    this.classNames = config.classNames() == null ? List.of() : config.classNames();
    for (int i = 0; i < classNames.size(); i++) {
      classIds.put(classNames.get(i), i);
    }
  }

  double read(Example example) {
    if (task != Task.MULTICLASS) {
      return SliceKeys.number(example, labelKey, "Label", source);
    }
    Feature f = example.getFeatures().getFeatureMap().get(labelKey);
    if (f != null && f.getKindCase() == Feature.KindCase.BYTES_LIST && f.getBytesList().getValueCount() == 1) {
      String name = f.getBytesList().getValue(0).toStringUtf8();
      Integer id = classIds.get(name);
      if (id == null) {
        throw new InvalidInputException("Label '" + labelKey + "' in " + source + " is '" + name
            + "', which is not one of the classes " + classNames);
      }
      return id;
    }
    double id = SliceKeys.number(example, labelKey, "Label", source);
    if (id != Math.rint(id) || id < 0 || id >= classNames.size()) {
      throw new InvalidInputException("Label '" + labelKey + "' in " + source + " is " + id
          + ": expected a class id 0 to " + (classNames.size() - 1) + " or a class name of " + classNames);
    }
    return id;
  }

  /** Checks the prediction at {@code row[offset]} (and on, for a multiclass row of {@code columns}). */
  void checkPrediction(float[] row, int offset, int columns, double label, double weight) {
    switch (task) {
      case BINARY -> new LabeledPrediction(label, row[offset], weight);
      case REGRESSION -> {
        if (!Float.isFinite(row[offset]) || !Double.isFinite(label)) {
          throw new InvalidInputException("Regression label " + label + " and prediction " + row[offset]
              + ": expected finite numbers");
        }
      }
      case MULTICLASS -> {
        if (columns != classNames.size()) {
          throw new InvalidInputException("The prediction has " + columns + " classes, expected "
              + classNames.size() + " " + classNames);
        }
        for (int c = offset; c < offset + columns; c++) {
          if (!(row[c] >= 0f && row[c] <= 1f)) {
            throw new InvalidInputException("Class probability " + row[c] + " of class " + classNames.get(c - offset)
                + " is not a probability: expected values in [0, 1] (are they logits? set output_transform"
                + " 'softmax')");
          }
        }
      }
    }
    if (!(weight >= 0.0) || Double.isInfinite(weight)) {
      throw new InvalidInputException("Example weight " + weight + " is not allowed: expected a finite value >= 0");
    }
  }
}
