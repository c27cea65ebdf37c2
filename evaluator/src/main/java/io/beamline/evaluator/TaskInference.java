package io.beamline.evaluator;

import io.beamline.core.InvalidInputException;
import io.beamline.evaluator.metrics.Task;
import io.beamline.io.examples.CloseableIterator;
import java.util.List;
import java.util.stream.IntStream;
import org.tensorflow.proto.Feature;

/**
 * Settles the task (and the classes of a multiclass model) before the pipeline runs, when the eval
 * config does not say: a [batch, k] output with k > 2 is multiclass; with {@code class_index} the task
 * is binary; a single-column output is binary when the labels of the first {@link #SAMPLE} examples
 * are all 0 or 1, regression when they are other numbers. A given task is checked against the output.
 */
final class TaskInference {
  static final int SAMPLE = 1000;

  private TaskInference() {}

  /**
   * The config with its task and class names set.
   *
   * @param columns the output's columns as the signature declares them, -1 when unknown
   * @param firstFile a payload file of the split, whose first examples' labels are looked at
   */
  static EvaluatorParameters resolve(EvaluatorParameters config, long columns, String outputKey, String firstFile,
      String source) {
    String output = "output '" + outputKey + "'" + (columns > 0 ? " (" + columns + " column(s) per example)" : "");
    Task task = config.task();
    if (task == null) {
      if (config.model().classIndex() != null) {
        task = Task.BINARY;
      } else if (columns > 2) {
        task = Task.MULTICLASS;
      } else if (columns == 2) {
        throw new InvalidInputException("The model's " + output + " has 2 classes: give class_index (1 is the positive"
            + " class of a two-class head) for binary metrics, or task 'multiclass'");
      } else if (columns == 1) {
        task = fromLabels(config.labelKey(), firstFile, source, output);
      } else {
        throw new InvalidInputException("The model's " + output + " does not declare its columns: give task"
            + " (binary, multiclass or regression)");
      }
    }
    switch (task) {
      case BINARY -> {
        if (columns > 1 && config.model().classIndex() == null) {
          throw new InvalidInputException("Task binary on the model's " + output
              + ": give class_index, the column of the positive class");
        }
      }
      case REGRESSION -> {
        if (columns > 1) {
          throw new InvalidInputException("Task regression needs one value per example; the model's " + output);
        }
      }
      case MULTICLASS -> {
        if (columns == 1) {
          throw new InvalidInputException("Task multiclass needs one probability per class; the model's " + output);
        }
        List<String> names = config.classNames();
        if (names == null) {
          if (columns < 0) {
            throw new InvalidInputException("The model's " + output + " does not declare its columns: give"
                + " class_names for task multiclass");
          }
          names = IntStream.range(0, (int) columns).mapToObj(Integer::toString).toList();
        } else if (columns > 0 && names.size() != columns) {
          throw new InvalidInputException("class_names has " + names.size() + " classes " + names + " but the model's "
              + output);
        }
        return config.withTask(task).withClassNames(names);
      }
    }
    return config.withTask(task);
  }

  private static Task fromLabels(String labelKey, String file, String source, String output) {
    boolean binary = true;
    try (CloseableIterator<PayloadRecords.ExampleRecord> records = PayloadRecords.open(file,
        FeatureSubset.of(List.of(labelKey)))) {
      for (int i = 0; i < SAMPLE && records.hasNext(); i++) {
        PayloadRecords.ExampleRecord record = records.next();
        Feature label = record.example().getFeatures().getFeatureMap().get(labelKey);
        if (label == null) {
          continue; // the scoring pass reports a missing label with its record
        }
        if (label.getKindCase() == Feature.KindCase.BYTES_LIST) {
          throw new InvalidInputException("Label '" + labelKey + "' in " + source + " holds strings "
              + SliceKeys.values(label) + " (record " + record.index() + " of " + file + ") but the model's " + output
              + ": string labels need task 'multiclass' with class_names");
        }
        for (String v : SliceKeys.values(label)) {
          binary &= v.equals("0") || v.equals("1") || v.equals("0.0") || v.equals("1.0");
        }
      }
    }
    return binary ? Task.BINARY : Task.REGRESSION;
  }
}
