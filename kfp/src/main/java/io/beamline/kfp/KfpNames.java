package io.beamline.kfp;

import io.beamline.core.InvalidParameterException;
import java.util.Locale;

/**
 * The names KFP accepts, derived from Beamline's. KFP's compiler lower-cases pipeline and task
 * names into DNS-style labels (they become Kubernetes object names); parameter names are
 * identifiers, because the SDK exposes them as Python arguments.
 */
final class KfpNames {
  /** What KFP's SDK allows as a pipeline name: it becomes part of Kubernetes resource names. */
  static final String DNS_NAME = "[a-z0-9]([-a-z0-9]{0,126}[a-z0-9])?";

  private KfpNames() {}

  /** {@code chicago_taxi} -> {@code chicago-taxi}; {@code ExampleGen} -> {@code examplegen}. */
  static String dns(String name) {
    String s = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
    if (!s.matches(DNS_NAME)) {
      throw new InvalidParameterException("Cannot make a Kubeflow name of '" + name + "': got '" + s
          + "', which is not lower-case letters, digits and '-' (at most 128)");
    }
    return s;
  }

  /** A pipeline parameter name: the task's name and the parameter's, e.g. {@code evaluator_thresholds}. */
  static String parameter(String task, String parameter) {
    return task.replace('-', '_') + "_" + parameter;
  }

  static String componentKey(String task) {
    return "comp-" + task;
  }

  static String executorLabel(String task) {
    return "exec-" + task;
  }
}
