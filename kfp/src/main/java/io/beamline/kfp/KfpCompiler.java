package io.beamline.kfp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.beamline.core.Json;
import io.beamline.core.component.ChannelSpec;
import io.beamline.core.component.Component;
import io.beamline.core.component.ComponentSpec;
import io.beamline.orchestrator.Node;
import io.beamline.orchestrator.OutputRef;
import io.beamline.orchestrator.Pipeline;
import io.beamline.orchestrator.PipelineDefinitionException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Compiles Beamline pipelines and components into KFP v2 {@code PipelineSpec}s (schema 2.1.0, the
 * one KFP's API server accepts) that run each step in the Beamline image.
 *
 * <pre>{@code
 * PipelineSpecDocument spec = KfpCompiler.forImage(KfpImage.named("registry.example.com/beamline:0.1.0"))
 *     .compile(TaxiPipeline.of(csv, serving));
 * spec.writeTo(Path.of("chicago-taxi.yaml")); // upload it in KFP's UI, or with kfp.Client
 * }</pre>
 *
 * <p>Each node becomes a task named after its id (DNS-style: {@code ExampleGen} -> {@code examplegen})
 * with its own component and executor. Every node parameter is a pipeline parameter named
 * {@code <task>_<parameter>} (e.g. {@code examplegen_input}, {@code evaluator_thresholds}) whose
 * default is the node's value, so anything can be set per run; {@value ParameterDefinition#BEAM_ARGS}
 * (a list, default empty) passes Beam options such as a Flink master to every step. Data bindings
 * become {@code taskOutputArtifact} inputs, and they and {@code .after()} edges
 * {@code dependentTasks}; a node's caching setting becomes its {@code cachingOptions}. Inputs a
 * node resolves from Beamline's store ({@code LatestBlessedModel}) have no KFP counterpart: an
 * optional one is left unbound (noted in the pipeline's description), a required one is an error.
 */
public final class KfpCompiler {
  /** The PipelineSpec schema version KFP's API server accepts. */
  public static final String SCHEMA_VERSION = "2.1.0";
  static final String SDK_VERSION = "beamline-kfp";
  private final KfpImage image;

  private KfpCompiler(KfpImage image) {
    this.image = image;
  }

  public static KfpCompiler forImage(KfpImage image) {
    return new KfpCompiler(image);
  }

  /** The image the compiled steps run. */
  public KfpImage image() {
    return image;
  }

  /** The pipeline as a PipelineSpec. */
  public PipelineSpecDocument compile(Pipeline pipeline) {
    JsonNodeFactory f = JsonNodeFactory.instance;
    ObjectNode spec = f.objectNode();
    ObjectNode components = spec.putObject("components");
    ObjectNode executors = spec.putObject("deploymentSpec").putObject("executors");
    ObjectNode root = spec.putObject("root");
    ObjectNode rootParameters = root.putObject("inputDefinitions").putObject("parameters");
    ObjectNode tasks = root.putObject("dag").putObject("tasks");
    rootParameters.set(ParameterDefinition.BEAM_ARGS, ParameterDefinition.beamArgs().toSpec());

    Map<String, String> taskOf = taskNames(pipeline);
    List<String> unbound = new ArrayList<>();
    for (Node<?> node : pipeline.nodesInOrder()) {
      String task = taskOf.get(node.id());
      ComponentSpec<?> cspec = node.component().spec();
      components.set(KfpNames.componentKey(task), KfpComponents.componentSpec(cspec, KfpNames.executorLabel(task)));
      executors.set(KfpNames.executorLabel(task), KfpComponents.executorSpec(node.component(), image));

      ObjectNode t = tasks.putObject(task);
      t.putObject("taskInfo").put("name", task);
      t.putObject("componentRef").put("name", KfpNames.componentKey(task));
      t.putObject("cachingOptions").put("enableCache", node.cacheable());
      ObjectNode inputs = t.putObject("inputs");
      ObjectNode params = inputs.putObject("parameters");
      JsonNode values = Json.tree(Json.write(node.parameters()));
      for (ParameterDefinition p : KfpComponents.parameters(cspec)) {
        String pipelineParameter = p.name().equals(ParameterDefinition.BEAM_ARGS)
            ? ParameterDefinition.BEAM_ARGS : KfpNames.parameter(task, p.name());
        if (!p.name().equals(ParameterDefinition.BEAM_ARGS)) {
          rootParameters.set(pipelineParameter, p.toSpec(nodeValue(node, p, values)));
        }
        params.putObject(p.name()).put("componentInputParameter", pipelineParameter);
      }
      ObjectNode artifacts = f.objectNode();
      for (Map.Entry<String, OutputRef> in : node.inputs().entrySet()) {
        ObjectNode producer = artifacts.putObject(in.getKey()).putObject("taskOutputArtifact");
        producer.put("producerTask", taskOf.get(in.getValue().nodeId()));
        producer.put("outputArtifactKey", in.getValue().key());
      }
      if (!artifacts.isEmpty()) {
        inputs.set("artifacts", artifacts);
      }
      for (String key : node.resolvedInputs().keySet()) {
        ChannelSpec channel = cspec.requireInput(key);
        if (!channel.optional()) {
          throw new PipelineDefinitionException("Node '" + node.id() + "' input '" + key + "' is resolved from"
              + " Beamline's store (" + node.resolvedInputs().get(key).describe() + "), which a Kubeflow"
              + " pipeline has no access to; bind it to another node's output");
        }
        unbound.add(node.id() + "." + key + " (" + node.resolvedInputs().get(key).describe() + ")");
      }
      TreeSet<String> upstream = new TreeSet<>();
      node.upstreamIds().forEach(id -> upstream.add(taskOf.get(id)));
      if (!upstream.isEmpty()) {
        var dependent = t.putArray("dependentTasks");
        upstream.forEach(dependent::add);
      }
    }
    ObjectNode info = f.objectNode();
    info.put("name", KfpNames.dns(pipeline.name()));
    info.put("displayName", pipeline.name());
    info.put("description", "Beamline pipeline " + pipeline.name() + ", compiled for image " + image.image()
        + (unbound.isEmpty() ? "" : ". Inputs resolved from Beamline's store are not compiled and left unbound: "
            + String.join(", ", unbound)));
    spec.set("pipelineInfo", info);
    spec.put("schemaVersion", SCHEMA_VERSION);
    spec.put("sdkVersion", SDK_VERSION);
    return PipelineSpecDocument.checked(spec);
  }

  /**
   * One component as a one-task PipelineSpec, the form KFP's SDK loads as a component
   * ({@code kfp.components.load_component_from_file}): the root takes the component's inputs and
   * parameters and passes them to its single task; the root's outputs are the task's.
   */
  public PipelineSpecDocument component(Component<?> component) {
    JsonNodeFactory f = JsonNodeFactory.instance;
    ComponentSpec<?> cspec = component.spec();
    String task = KfpNames.dns(cspec.name());
    ObjectNode spec = f.objectNode();
    ObjectNode componentNode = KfpComponents.componentSpec(cspec, KfpNames.executorLabel(task));
    spec.putObject("components").set(KfpNames.componentKey(task), componentNode);
    spec.putObject("deploymentSpec").putObject("executors")
        .set(KfpNames.executorLabel(task), KfpComponents.executorSpec(component, image));
    spec.putObject("pipelineInfo").put("name", task);

    ObjectNode root = spec.putObject("root");
    root.set("inputDefinitions", componentNode.get("inputDefinitions").deepCopy());
    if (componentNode.has("outputDefinitions")) {
      root.set("outputDefinitions", componentNode.get("outputDefinitions").deepCopy());
    }
    ObjectNode dag = root.putObject("dag");
    ObjectNode t = dag.putObject("tasks").putObject(task);
    t.putObject("taskInfo").put("name", task);
    t.putObject("componentRef").put("name", KfpNames.componentKey(task));
    t.putObject("cachingOptions").put("enableCache", true);
    ObjectNode inputs = t.putObject("inputs");
    if (!cspec.inputs().isEmpty()) {
      ObjectNode artifacts = inputs.putObject("artifacts");
      cspec.inputs().keySet().forEach(k -> artifacts.putObject(k).put("componentInputArtifact", k));
    }
    ObjectNode params = inputs.putObject("parameters");
    KfpComponents.parameters(cspec).forEach(p -> params.putObject(p.name()).put("componentInputParameter", p.name()));
    if (!cspec.outputs().isEmpty()) {
      ObjectNode outs = dag.putObject("outputs").putObject("artifacts");
      for (String key : cspec.outputs().keySet()) {
        ObjectNode selector = outs.putObject(key).putArray("artifactSelectors").addObject();
        selector.put("outputArtifactKey", key);
        selector.put("producerSubtask", task);
      }
    }
    spec.put("schemaVersion", SCHEMA_VERSION);
    spec.put("sdkVersion", SDK_VERSION);
    return PipelineSpecDocument.checked(spec);
  }

  /** DNS-style task names, which must stay distinct. */
  private static Map<String, String> taskNames(Pipeline pipeline) {
    Map<String, String> taskOf = new HashMap<>();
    Map<String, String> nodeOf = new HashMap<>();
    for (Node<?> node : pipeline.nodesInOrder()) {
      String task = KfpNames.dns(node.id());
      String other = nodeOf.put(task, node.id());
      if (other != null) {
        throw new PipelineDefinitionException("Nodes '" + other + "' and '" + node.id() + "' both become Kubeflow"
            + " task '" + task + "' (lower case, '-' for other characters); give one another id");
      }
      taskOf.put(node.id(), task);
    }
    return taskOf;
  }

  /**
   * The node's value of a parameter, as the pipeline parameter's default. A null value can only be
   * left out (KFP parameters have no null), which gives the component's default: that must be null
   * too, or the compiled pipeline would run with another value than the node's.
   */
  private static Optional<JsonNode> nodeValue(Node<?> node, ParameterDefinition p, JsonNode values) {
    JsonNode value = values.get(p.name());
    if (value == null || value.isNull()) {
      if (p.defaultValue().isPresent()) {
        throw new PipelineDefinitionException("Node '" + node.id() + "' sets parameter '" + p.name()
            + "' to null, which Kubeflow cannot pass (its default is " + p.defaultValue().get() + ")");
      }
      return Optional.empty();
    }
    return Optional.of(value);
  }
}
