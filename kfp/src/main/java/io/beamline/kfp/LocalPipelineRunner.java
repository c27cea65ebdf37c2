package io.beamline.kfp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.beamline.core.BeamlineException;
import io.beamline.core.InvalidInputException;
import io.beamline.core.InvalidParameterException;
import io.beamline.core.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.UnaryOperator;

/**
 * Runs a compiled PipelineSpec on this machine, without Kubernetes, the way KFP's local subprocess
 * runner does: it walks the root DAG in dependency order, writes each task's ExecutorInput as KFP's
 * launcher would (output artifacts under {@code <root>/<pipeline>-<time>/<task>/<output>},
 * {@code executor_output.json} beside them), resolves the placeholders of the task's command, runs
 * it as a process, and reads back its ExecutorOutput, whose metadata the next tasks receive with
 * their input artifacts. A failed task fails the run; the tasks after it are skipped.
 *
 * <pre>{@code
 * LocalRunResult run = LocalPipelineRunner.at(Path.of("kfp-root"))
 *     .withParameter("trainer_epochs", 5)
 *     .withCommandRewrite(hostLauncher)  // the image's java and classpath -> this machine's
 *     .run(PipelineSpecDocument.read(Path.of("chicago-taxi.yaml")));
 * }</pre>
 */
public final class LocalPipelineRunner {
  static final String EXECUTOR_INPUT_FILE = "executor_input.json";
  static final String EXECUTOR_OUTPUT_FILE = "executor_output.json";
  static final String LOG_FILE = "log.txt";
  private final Path root;
  private final Map<String, JsonNode> parameters;
  private final UnaryOperator<List<String>> rewrite;

  private LocalPipelineRunner(Path root, Map<String, JsonNode> parameters, UnaryOperator<List<String>> rewrite) {
    this.root = root;
    this.parameters = parameters;
    this.rewrite = rewrite;
  }

  /** A runner whose pipeline root (where every run's artifacts go) is {@code pipelineRoot}. */
  public static LocalPipelineRunner at(Path pipelineRoot) {
    return new LocalPipelineRunner(pipelineRoot.toAbsolutePath(), Map.of(), UnaryOperator.identity());
  }

  /** Sets a pipeline parameter for the run (a JSON-shaped value: string, number, boolean, list, map). */
  public LocalPipelineRunner withParameter(String name, Object value) {
    Map<String, JsonNode> next = new LinkedHashMap<>(parameters);
    next.put(name, Json.mapper().valueToTree(value));
    return new LocalPipelineRunner(root, next, rewrite);
  }

  /**
   * Changes each task's resolved command before it runs: e.g. the image's launcher replaced by this
   * machine's java and classpath, or wrapped to run inside an unpacked image.
   */
  public LocalPipelineRunner withCommandRewrite(UnaryOperator<List<String>> commandRewrite) {
    return new LocalPipelineRunner(root, parameters, Objects.requireNonNull(commandRewrite, "commandRewrite"));
  }

  /**
   * A rewrite that runs a Beamline image's command on this machine instead: everything up to the
   * image's main class ({@link KfpImage#MAIN_CLASS}) becomes this JVM's java, the stack's flags and
   * this JVM's classpath. Commands of other images are left as they are.
   */
  public static UnaryOperator<List<String>> launcherOnThisMachine() {
    List<String> host = new ArrayList<>();
    host.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    host.addAll(KfpImage.JVM_FLAGS);
    host.addAll(List.of("-cp", System.getProperty("java.class.path"), KfpImage.MAIN_CLASS));
    return command -> {
      int main = command.indexOf(KfpImage.MAIN_CLASS);
      if (main < 0) {
        return command;
      }
      List<String> out = new ArrayList<>(host);
      out.addAll(command.subList(main + 1, command.size()));
      return out;
    };
  }

  /**
   * A rewrite that runs each command inside an unpacked Beamline image, as its unprivileged user,
   * with no container engine: in private mount and pid namespaces ({@code unshare}), with the
   * host's {@code /dev} and the pipeline root bound at the same paths inside, under {@code chroot}.
   * Needs root (for the namespaces and mounts) and {@code unshare}, {@code mount} and
   * {@code chroot} on this machine; the mounts end with the step's namespace.
   *
   * @param rootfs the image's layers unpacked in order
   * @param pipelineRoot the runner's pipeline root, where every artifact is read and written
   * @param user the {@code uid:gid} to run as (the image's user is {@code 1000:1000})
   */
  public static UnaryOperator<List<String>> insideImage(Path rootfs, Path pipelineRoot, String user) {
    String root = rootfs.toAbsolutePath().toString();
    String shared = pipelineRoot.toAbsolutePath().toString();
    return command -> {
      List<String> out = new ArrayList<>(List.of("unshare", "-m", "-p", "-f", "--mount-proc=" + root + "/proc",
          "bash", "-c",
          // PATH as the image's config sets it: the runtime finds `java` in it.
          "set -e; r=\"$1\"; w=\"$2\"; u=\"$3\"; shift 3; c=$(command -v chroot); mkdir -p \"$r/dev\" \"$r$w\";"
              + " mount --rbind /dev \"$r/dev\"; mount --bind \"$w\" \"$r$w\";"
              + " export PATH=/opt/java/bin:/usr/bin:/bin HOME=/tmp; exec \"$c\" --userspec=\"$u\" \"$r\" \"$@\"",
          "inside-image", root, shared, user));
      out.addAll(command);
      return out;
    };
  }

  /** Runs the pipeline to its end or its first failure. */
  public LocalRunResult run(PipelineSpecDocument document) {
    ObjectNode spec = PipelineSpecDocument.checked(document.tree()).tree();
    Map<String, JsonNode> values = pipelineParameters(spec);
    String runName = document.name() + "-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyy-MM-dd-HH-mm-ss-SSS"));
    Path runRoot = root.resolve(runName);
    JsonNode tasks = spec.path("root").path("dag").path("tasks");
    Map<String, LocalRunResult.TaskResult> results = new LinkedHashMap<>();
    for (String task : order(tasks)) {
      JsonNode t = tasks.get(task);
      List<String> notDone = new ArrayList<>();
      t.path("dependentTasks").forEach(d -> {
        if (results.get(d.asText()).state() != LocalRunResult.State.SUCCEEDED) {
          notDone.add(d.asText());
        }
      });
      if (!notDone.isEmpty()) {
        results.put(task, LocalRunResult.TaskResult.skipped(task, "upstream " + notDone + " did not succeed"));
        continue;
      }
      results.put(task, runTask(spec, task, t, values, runRoot.resolve(task), results));
    }
    return new LocalRunResult(runRoot, results);
  }

  private Map<String, JsonNode> pipelineParameters(JsonNode spec) {
    JsonNode declared = spec.path("root").path("inputDefinitions").path("parameters");
    Map<String, JsonNode> values = new TreeMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = declared.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> p = it.next();
      if (p.getValue().has("defaultValue")) {
        values.put(p.getKey(), p.getValue().get("defaultValue"));
      }
    }
    for (Map.Entry<String, JsonNode> given : parameters.entrySet()) {
      JsonNode definition = declared.get(given.getKey());
      if (definition == null) {
        throw new InvalidParameterException("Pipeline has no parameter '" + given.getKey() + "'; its parameters are "
            + new TreeSet<>(iterable(declared.fieldNames())));
      }
      ParameterType type = ParameterType.valueOf(definition.path("parameterType").asText());
      if (!type.accepts(given.getValue())) {
        throw new InvalidParameterException("Pipeline parameter '" + given.getKey() + "' is " + type + ", got "
            + given.getValue());
      }
      values.put(given.getKey(), given.getValue());
    }
    return values;
  }

  private LocalRunResult.TaskResult runTask(JsonNode spec, String task, JsonNode t, Map<String, JsonNode> values,
      Path taskRoot, Map<String, LocalRunResult.TaskResult> done) {
    JsonNode component = spec.path("components").path(t.path("componentRef").path("name").asText());
    JsonNode container = spec.path("deploymentSpec").path("executors").path(component.path("executorLabel").asText())
        .path("container");
    ObjectNode input = executorInput(t, component, values, taskRoot, done);
    ArtifactUriMapping local = ArtifactUriMapping.under(root.resolve("mounts").toString());
    List<String> command = new ArrayList<>();
    container.path("command").forEach(c -> command.add(Placeholders.resolve(c.asText(), input, local)));
    container.path("args").forEach(c -> command.add(Placeholders.resolve(c.asText(), input, local)));
    Path log = taskRoot.resolve(LOG_FILE);
    try {
      Files.createDirectories(taskRoot);
      // The step may run as another user (an image's unprivileged one), as on KFP, where the
      // launcher prepares output locations the container's user can write.
      Files.setPosixFilePermissions(taskRoot, java.nio.file.attribute.PosixFilePermissions.fromString("rwxrwxrwx"));
      Files.setPosixFilePermissions(taskRoot.getParent(), java.nio.file.attribute.PosixFilePermissions.fromString("rwxrwxrwx"));
      Files.writeString(taskRoot.resolve(EXECUTOR_INPUT_FILE), Json.writePretty(input));
      Process process = new ProcessBuilder(rewrite.apply(List.copyOf(command)))
          .redirectErrorStream(true).redirectOutput(log.toFile()).start();
      int code = process.waitFor();
      if (code != 0) {
        return LocalRunResult.TaskResult.failed(task, "exit " + code + ": " + lastLine(log), log);
      }
      Path outputFile = taskRoot.resolve(EXECUTOR_OUTPUT_FILE);
      if (!Files.exists(outputFile)) {
        return LocalRunResult.TaskResult.failed(task, "exited 0 but wrote no " + outputFile, log);
      }
      return LocalRunResult.TaskResult.succeeded(task, outputs(input, Json.tree(Files.readString(outputFile))), log);
    } catch (IOException e) {
      throw new BeamlineException("Task " + task + ": cannot run " + command.get(0) + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new BeamlineException("Task " + task + " was interrupted", e);
    }
  }

  /** The ExecutorInput KFP's driver and launcher would give this task. */
  private static ObjectNode executorInput(JsonNode task, JsonNode component, Map<String, JsonNode> values,
      Path taskRoot, Map<String, LocalRunResult.TaskResult> done) {
    JsonNodeFactory f = JsonNodeFactory.instance;
    ObjectNode input = f.objectNode();
    ObjectNode inputs = input.putObject("inputs");
    ObjectNode parameterValues = inputs.putObject("parameterValues");
    JsonNode declared = component.path("inputDefinitions").path("parameters");
    for (Iterator<Map.Entry<String, JsonNode>> it = declared.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> p = it.next();
      JsonNode binding = task.path("inputs").path("parameters").path(p.getKey());
      JsonNode value = null;
      if (binding.has("componentInputParameter")) {
        value = values.get(binding.get("componentInputParameter").asText());
      } else if (binding.path("runtimeValue").has("constant")) {
        value = binding.path("runtimeValue").get("constant");
      }
      if (value == null) {
        value = p.getValue().get("defaultValue");
      }
      if (value != null) {
        parameterValues.set(p.getKey(), value);
      }
    }
    ObjectNode artifacts = inputs.putObject("artifacts");
    for (Iterator<Map.Entry<String, JsonNode>> it = task.path("inputs").path("artifacts").fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> a = it.next();
      JsonNode from = a.getValue().path("taskOutputArtifact");
      JsonNode produced = done.get(from.path("producerTask").asText()).outputs().get(from.path("outputArtifactKey").asText());
      if (produced == null) {
        throw new InvalidInputException("Task " + task.path("taskInfo").path("name").asText() + ": input '" + a.getKey()
            + "' comes from " + from + ", which produced no such artifact");
      }
      artifacts.putObject(a.getKey()).putArray("artifacts").add(produced);
    }
    ObjectNode outputs = input.putObject("outputs");
    ObjectNode outArtifacts = outputs.putObject("artifacts");
    for (Iterator<Map.Entry<String, JsonNode>> it = component.path("outputDefinitions").path("artifacts").fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> a = it.next();
      ObjectNode artifact = outArtifacts.putObject(a.getKey()).putArray("artifacts").addObject();
      artifact.put("name", a.getKey());
      artifact.set("type", a.getValue().path("artifactType"));
      artifact.put("uri", taskRoot.resolve(a.getKey()).toString());
      artifact.putObject("metadata");
    }
    outputs.put("outputFile", taskRoot.resolve(EXECUTOR_OUTPUT_FILE).toString());
    return input;
  }

  /** Each output artifact as the next task receives it: KFP's runtime artifact with the executor's metadata. */
  private static Map<String, JsonNode> outputs(JsonNode input, JsonNode executorOutput) {
    Map<String, JsonNode> out = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = input.path("outputs").path("artifacts").fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> a = it.next();
      ObjectNode artifact = a.getValue().path("artifacts").get(0).deepCopy();
      JsonNode written = executorOutput.path("artifacts").path(a.getKey()).path("artifacts").path(0);
      if (written.has("metadata")) {
        artifact.set("metadata", written.get("metadata"));
      }
      out.put(a.getKey(), artifact);
    }
    return out;
  }

  /** Tasks in dependency order, ties by name (Kahn's algorithm; the spec was checked acyclic). */
  private static List<String> order(JsonNode tasks) {
    List<String> order = new ArrayList<>();
    TreeSet<String> left = new TreeSet<>(iterable(tasks.fieldNames()));
    while (!left.isEmpty()) {
      String next = left.stream().filter(t -> {
        for (JsonNode d : tasks.get(t).path("dependentTasks")) {
          if (!order.contains(d.asText())) {
            return false;
          }
        }
        return true;
      }).findFirst().orElseThrow();
      order.add(next);
      left.remove(next);
    }
    return order;
  }

  private static List<String> iterable(Iterator<String> it) {
    List<String> out = new ArrayList<>();
    it.forEachRemaining(out::add);
    return out;
  }

  private static String lastLine(Path log) throws IOException {
    List<String> lines = Files.readAllLines(log).stream().filter(l -> !l.isBlank()).toList();
    return lines.isEmpty() ? "(no output)" : lines.get(lines.size() - 1);
  }
}
