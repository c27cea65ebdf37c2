package io.beamline.kfp;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;

/**
 * The rules a PipelineSpec must keep for KFP's API server and driver to run it, beyond its proto
 * shape: the schema version the server accepts, a DNS-style name, and every reference resolving
 * (each task's component, each component's executor, each producer task and its output key, each
 * pipeline parameter, each placeholder in an executor's command), producers listed among a task's
 * {@code dependentTasks} (the driver orders tasks by them), no cycle, and defaults of the declared
 * types. Hand-written because KFP publishes these rules only as its Go and Python code.
 */
final class PipelineSpecRules {
  private static final Set<String> PARAMETER_TYPES = Set.of("NUMBER_DOUBLE", "NUMBER_INTEGER", "STRING",
      "BOOLEAN", "LIST", "STRUCT", "TASK_FINAL_STATUS", "TASK_CONFIG");

  private PipelineSpecRules() {}

  static List<String> violations(JsonNode spec) {
    List<String> out = new ArrayList<>();
    if (!KfpCompiler.SCHEMA_VERSION.equals(spec.path("schemaVersion").asText())) {
      out.add("schemaVersion must be " + KfpCompiler.SCHEMA_VERSION + ", got '" + spec.path("schemaVersion").asText() + "'");
    }
    String name = spec.path("pipelineInfo").path("name").asText();
    if (!name.matches(KfpNames.DNS_NAME)) {
      out.add("pipelineInfo.name '" + name + "' is not lower-case letters, digits and '-'");
    }
    JsonNode components = spec.path("components");
    JsonNode executors = spec.path("deploymentSpec").path("executors");
    for (Iterator<Map.Entry<String, JsonNode>> it = components.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> c = it.next();
      checkComponent("component " + c.getKey(), c.getValue(), executors, out);
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = executors.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      JsonNode container = e.getValue().path("container");
      if (container.path("image").asText().isEmpty() || !container.path("command").isArray()
          || container.path("command").isEmpty()) {
        out.add("executor " + e.getKey() + " needs a container with an image and a command");
      }
    }
    JsonNode root = spec.path("root");
    checkParameters("root", root.path("inputDefinitions").path("parameters"), out);
    JsonNode tasks = root.path("dag").path("tasks");
    if (!tasks.isObject() || tasks.isEmpty()) {
      out.add("root.dag has no tasks");
      return out;
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = tasks.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> t = it.next();
      checkTask(t.getKey(), t.getValue(), tasks, components, root, out);
    }
    checkAcyclic(tasks, out);
    for (Iterator<Map.Entry<String, JsonNode>> it = root.path("dag").path("outputs").path("artifacts").fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> o = it.next();
      for (JsonNode selector : o.getValue().path("artifactSelectors")) {
        String producer = selector.path("producerSubtask").asText();
        if (!tasks.has(producer)) {
          out.add("root output " + o.getKey() + " selects from unknown task '" + producer + "'");
        } else if (!outputArtifacts(components, tasks.get(producer)).has(selector.path("outputArtifactKey").asText())) {
          out.add("root output " + o.getKey() + ": task " + producer + " has no output artifact '"
              + selector.path("outputArtifactKey").asText() + "'");
        }
      }
    }
    return out;
  }

  private static void checkComponent(String where, JsonNode component, JsonNode executors, List<String> out) {
    String label = component.path("executorLabel").asText();
    if (!component.has("dag") && !executors.has(label)) {
      out.add(where + ": executorLabel '" + label + "' names no executor in deploymentSpec");
    }
    checkParameters(where, component.path("inputDefinitions").path("parameters"), out);
    JsonNode container = executors.path(label).path("container");
    List<String> strings = new ArrayList<>();
    container.path("command").forEach(s -> strings.add(s.asText()));
    container.path("args").forEach(s -> strings.add(s.asText()));
    for (String s : strings) {
      Matcher m = Placeholders.PLACEHOLDER.matcher(s);
      while (m.find()) {
        checkPlaceholder(where, m.group(1), component, out);
      }
    }
  }

  private static void checkPlaceholder(String where, String path, JsonNode component, List<String> out) {
    JsonNode inputs = component.path("inputDefinitions");
    JsonNode outputs = component.path("outputDefinitions");
    Matcher m;
    if (path.isEmpty() || path.equals(".outputs.output_file")) {
      return;
    } else if ((m = Placeholders.INPUT_PARAMETER.matcher(path)).matches()) {
      require(inputs.path("parameters").has(m.group(1)), where + ": placeholder {{$" + path + "}} names no input parameter", out);
    } else if ((m = Placeholders.ARTIFACT.matcher(path)).matches()) {
      JsonNode side = m.group(1).equals("inputs") ? inputs : outputs;
      require(side.path("artifacts").has(m.group(2)), where + ": placeholder {{$" + path + "}} names no "
          + m.group(1).replace("s", "") + " artifact", out);
    } else if ((m = Placeholders.OUTPUT_PARAMETER.matcher(path)).matches()) {
      require(outputs.path("parameters").has(m.group(1)), where + ": placeholder {{$" + path + "}} names no output parameter", out);
    } else {
      out.add(where + ": placeholder {{$" + path + "}} is not one KFP resolves");
    }
  }

  private static void checkParameters(String where, JsonNode parameters, List<String> out) {
    for (Iterator<Map.Entry<String, JsonNode>> it = parameters.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> p = it.next();
      String type = p.getValue().path("parameterType").asText();
      if (!PARAMETER_TYPES.contains(type)) {
        out.add(where + ": parameter " + p.getKey() + " has no valid parameterType (got '" + type + "')");
        continue;
      }
      JsonNode value = p.getValue().get("defaultValue");
      if (value != null && PARAMETER_TYPES.contains(type) && !type.startsWith("TASK_")
          && !ParameterType.valueOf(type).accepts(value)) {
        out.add(where + ": parameter " + p.getKey() + " is " + type + " but its default is " + value);
      }
    }
  }

  private static void checkTask(String name, JsonNode task, JsonNode tasks, JsonNode components, JsonNode root,
      List<String> out) {
    String where = "task " + name;
    String ref = task.path("componentRef").path("name").asText();
    JsonNode component = components.get(ref);
    if (component == null) {
      out.add(where + ": componentRef '" + ref + "' names no component");
      return;
    }
    Set<String> dependent = new HashSet<>();
    task.path("dependentTasks").forEach(d -> dependent.add(d.asText()));
    for (String d : dependent) {
      require(tasks.has(d) && !d.equals(name), where + ": dependent task '" + d + "' is not another task of the DAG", out);
    }
    JsonNode declaredArtifacts = component.path("inputDefinitions").path("artifacts");
    JsonNode boundArtifacts = task.path("inputs").path("artifacts");
    for (Iterator<Map.Entry<String, JsonNode>> it = boundArtifacts.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> a = it.next();
      if (!declaredArtifacts.has(a.getKey())) {
        out.add(where + ": input artifact '" + a.getKey() + "' is not declared by " + ref);
        continue;
      }
      JsonNode producer = a.getValue().get("taskOutputArtifact");
      if (producer != null) {
        String from = producer.path("producerTask").asText();
        String key = producer.path("outputArtifactKey").asText();
        if (!tasks.has(from)) {
          out.add(where + ": input '" + a.getKey() + "' comes from unknown task '" + from + "'");
          continue;
        }
        if (!components.has(tasks.get(from).path("componentRef").path("name").asText())) {
          continue; // reported at the producer
        }
        JsonNode produced = outputArtifacts(components, tasks.get(from)).get(key);
        if (produced == null) {
          out.add(where + ": input '" + a.getKey() + "': task " + from + " has no output artifact '" + key + "'");
          continue;
        }
        String want = declaredArtifacts.path(a.getKey()).path("artifactType").path("schemaTitle").asText();
        String got = produced.path("artifactType").path("schemaTitle").asText();
        require(want.equals(got), where + ": input '" + a.getKey() + "' is " + want + " but " + from + "." + key
            + " is " + got, out);
        require(dependent.contains(from), where + ": producer task '" + from + "' is missing from dependentTasks", out);
      } else if (a.getValue().has("componentInputArtifact")) {
        String input = a.getValue().path("componentInputArtifact").asText();
        require(root.path("inputDefinitions").path("artifacts").has(input), where + ": input '" + a.getKey()
            + "' names unknown pipeline input artifact '" + input + "'", out);
      } else {
        out.add(where + ": input artifact '" + a.getKey() + "' has neither taskOutputArtifact nor componentInputArtifact");
      }
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = declaredArtifacts.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> a = it.next();
      require(a.getValue().path("isOptional").asBoolean() || boundArtifacts.has(a.getKey()),
          where + ": required input artifact '" + a.getKey() + "' is not bound", out);
    }
    JsonNode declaredParameters = component.path("inputDefinitions").path("parameters");
    JsonNode boundParameters = task.path("inputs").path("parameters");
    for (Iterator<Map.Entry<String, JsonNode>> it = boundParameters.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> p = it.next();
      require(declaredParameters.has(p.getKey()), where + ": input parameter '" + p.getKey() + "' is not declared by " + ref, out);
      JsonNode fromRoot = p.getValue().get("componentInputParameter");
      if (fromRoot != null) {
        require(root.path("inputDefinitions").path("parameters").has(fromRoot.asText()), where + ": parameter '"
            + p.getKey() + "' names unknown pipeline parameter '" + fromRoot.asText() + "'", out);
      }
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = declaredParameters.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> p = it.next();
      require(p.getValue().path("isOptional").asBoolean() || p.getValue().has("defaultValue")
          || boundParameters.has(p.getKey()), where + ": required parameter '" + p.getKey() + "' is not bound", out);
    }
  }

  private static JsonNode outputArtifacts(JsonNode components, JsonNode task) {
    return components.path(task.path("componentRef").path("name").asText()).path("outputDefinitions").path("artifacts");
  }

  private static void checkAcyclic(JsonNode tasks, List<String> out) {
    Map<String, Integer> state = new HashMap<>();
    for (Iterator<String> it = tasks.fieldNames(); it.hasNext(); ) {
      String cycleAt = visit(it.next(), tasks, state);
      if (cycleAt != null) {
        out.add("the DAG has a cycle through task " + cycleAt);
        return;
      }
    }
  }

  /** Depth-first over dependentTasks; 1 = on the current path, 2 = done. Returns a task on a cycle. */
  private static String visit(String task, JsonNode tasks, Map<String, Integer> state) {
    Integer s = state.get(task);
    if (s != null) {
      return s == 1 ? task : null;
    }
    state.put(task, 1);
    for (JsonNode d : tasks.path(task).path("dependentTasks")) {
      if (tasks.has(d.asText())) {
        String cycle = visit(d.asText(), tasks, state);
        if (cycle != null) {
          return cycle;
        }
      }
    }
    state.put(task, 2);
    return null;
  }

  private static void require(boolean ok, String violation, List<String> out) {
    if (!ok) {
      out.add(violation);
    }
  }
}
