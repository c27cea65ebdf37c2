package io.beamline.kfp;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.beamline.core.component.ChannelSpec;
import io.beamline.core.component.Component;
import io.beamline.core.component.ComponentSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * The KFP component of a Beamline component, generated from its {@link ComponentSpec} and
 * parameters record: typed input and output artifacts, one input parameter per record property
 * (plus {@value ParameterDefinition#BEAM_ARGS}), and a container executor that runs
 * {@code beamline kfp run} in the Beamline image with the whole {@code ExecutorInput}.
 */
final class KfpComponents {
  /** The placeholder KFP replaces by the whole ExecutorInput as JSON. */
  static final String EXECUTOR_INPUT = "{{$}}";

  private KfpComponents() {}

  /** The component's parameters: its record's, then {@value ParameterDefinition#BEAM_ARGS}. */
  static List<ParameterDefinition> parameters(ComponentSpec<?> spec) {
    List<ParameterDefinition> all = new ArrayList<>(ParameterDefinitions.of(spec.name(), spec.defaults()));
    if (all.stream().anyMatch(p -> p.name().equals(ParameterDefinition.BEAM_ARGS))) {
      throw new IllegalArgumentException(spec.name() + " has a parameter named "
          + ParameterDefinition.BEAM_ARGS + ", which KFP steps use for Beam options");
    }
    all.add(ParameterDefinition.beamArgs());
    return all;
  }

  /** A {@code ComponentSpec} message whose executor is {@code executorLabel}. */
  static ObjectNode componentSpec(ComponentSpec<?> spec, String executorLabel) {
    JsonNodeFactory f = JsonNodeFactory.instance;
    ObjectNode component = f.objectNode();
    component.put("executorLabel", executorLabel);
    ObjectNode inputs = f.objectNode();
    if (!spec.inputs().isEmpty()) {
      ObjectNode artifacts = inputs.putObject("artifacts");
      for (ChannelSpec in : spec.inputs().values()) {
        ObjectNode a = artifacts.putObject(in.key());
        a.set("artifactType", ArtifactSchemas.schema(in.type()));
        if (in.optional()) {
          a.put("isOptional", true);
        }
        a.put("description", "Beamline " + in.type().name());
      }
    }
    ObjectNode parameters = inputs.putObject("parameters");
    parameters(spec).forEach(p -> parameters.set(p.name(), p.toSpec()));
    component.set("inputDefinitions", inputs);
    if (!spec.outputs().isEmpty()) {
      ObjectNode artifacts = component.putObject("outputDefinitions").putObject("artifacts");
      for (ChannelSpec out : spec.outputs().values()) {
        ObjectNode a = artifacts.putObject(out.key());
        a.set("artifactType", ArtifactSchemas.schema(out.type()));
        a.put("description", "Beamline " + out.type().name());
      }
    }
    return component;
  }

  /** An {@code ExecutorSpec} message: the Beamline image running this component's entrypoint. */
  static ObjectNode executorSpec(Component<?> component, KfpImage image) {
    ObjectNode container = JsonNodeFactory.instance.objectNode();
    container.put("image", image.image());
    var command = container.putArray("command");
    image.launcher().forEach(command::add);
    command.add("kfp").add("run").add("--component").add(component.spec().name());
    container.putArray("args").add("--executor-input").add(EXECUTOR_INPUT);
    ObjectNode executor = JsonNodeFactory.instance.objectNode();
    executor.set("container", container);
    return executor;
  }
}
