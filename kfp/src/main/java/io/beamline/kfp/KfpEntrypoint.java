package io.beamline.kfp;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.beamline.core.InvalidInputException;
import io.beamline.core.InvalidParameterException;
import io.beamline.core.Json;
import io.beamline.core.component.ArtifactManifest;
import io.beamline.core.component.ArtifactProperties;
import io.beamline.core.component.BeamRuns;
import io.beamline.core.component.ChannelSpec;
import io.beamline.core.component.Component;
import io.beamline.core.component.ComponentResult;
import io.beamline.core.component.ComponentRun;
import io.beamline.core.component.ComponentSpec;
import io.beamline.core.component.ResolvedArtifact;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Runs one component as a KFP step: reads KFP's {@code ExecutorInput} (the {@code {{$}}}
 * placeholder), runs the component through the same {@link ComponentRun} as the command line and
 * the library, and writes KFP's {@code ExecutorOutput} to {@code outputs.outputFile} with each
 * output artifact's Beamline properties as its metadata (split counts, blessed, pushed version...),
 * which KFP records in its ML Metadata and shows in its UI.
 *
 * <pre>{@code
 * KfpEntrypoint.of(new StatisticsGen()).run(executorInputJson);
 * }</pre>
 *
 * <p>Parameters the input leaves out take the component's defaults; {@value
 * ParameterDefinition#BEAM_ARGS} become the Beam options. Artifact URIs are read and written
 * through the launcher's local mounts ({@link ArtifactUriMapping}). A failure throws before
 * anything is published: outputs stay staged and the output file is not written, so KFP marks the
 * step failed with no artifacts.
 */
public final class KfpEntrypoint<P extends Record> {
  private final Component<P> component;
  private final ArtifactUriMapping mapping;

  private KfpEntrypoint(Component<P> component, ArtifactUriMapping mapping) {
    this.component = component;
    this.mapping = mapping;
  }

  public static <P extends Record> KfpEntrypoint<P> of(Component<P> component) {
    return new KfpEntrypoint<>(component, ArtifactUriMapping.kfpLauncher());
  }

  public KfpEntrypoint<P> withUriMapping(ArtifactUriMapping uriMapping) {
    return new KfpEntrypoint<>(component, Objects.requireNonNull(uriMapping, "uriMapping"));
  }

  /**
   * Runs the step and writes its ExecutorOutput.
   *
   * @return the ExecutorOutput written
   * @throws BeamlineException on bad input (naming the field and what was expected) or a failed run
   */
  public JsonNode run(String executorInputJson) {
    ComponentSpec<P> spec = component.spec();
    JsonNode input;
    try {
      input = Json.mapper().readTree(executorInputJson);
    } catch (JsonProcessingException e) {
      throw new InvalidInputException(spec.name() + ": the executor input is not JSON: " + e.getOriginalMessage());
    }
    if (input == null || !input.isObject()) {
      throw new InvalidInputException(spec.name() + ": the executor input must be a JSON object (KFP's ExecutorInput)");
    }
    JsonNode values = input.path("inputs").path("parameterValues");
    ComponentRun<P> run = ComponentRun.of(component)
        .withParameters(parameters(spec, values))
        .withOptions(BeamRuns.options(beamArgs(spec, values)));
    run = bindInputs(spec, input.path("inputs").path("artifacts"), run);
    JsonNode outputs = input.path("outputs").path("artifacts");
    checkKeys(spec.name(), "output artifact", outputs, spec.outputs().keySet(), true);
    for (String key : spec.outputs().keySet()) {
      run = run.withOutput(key, mapping.localPath(single(spec.name(), "outputs.artifacts", key, outputs.get(key)).path("uri").asText()));
    }
    String outputFile = input.path("outputs").path("outputFile").asText();
    if (outputFile.isEmpty()) {
      throw new InvalidInputException(spec.name() + ": the executor input has no outputs.outputFile");
    }
    ComponentResult result = run.run();
    ObjectNode executorOutput = executorOutput(spec, outputs, result);
    AtomicFiles.write(Path.of(mapping.localPath(outputFile)), Json.writePretty(executorOutput));
    return executorOutput;
  }

  private P parameters(ComponentSpec<P> spec, JsonNode values) {
    ObjectNode merged = (ObjectNode) Json.tree(Json.write(spec.defaults()));
    Set<String> known = new TreeSet<>();
    merged.fieldNames().forEachRemaining(known::add);
    for (Iterator<Map.Entry<String, JsonNode>> it = values.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> v = it.next();
      if (v.getKey().equals(ParameterDefinition.BEAM_ARGS)) {
        continue;
      }
      if (!known.contains(v.getKey())) {
        throw new InvalidParameterException(spec.name() + " has no parameter '" + v.getKey() + "'; its parameters are "
            + known + " and " + ParameterDefinition.BEAM_ARGS);
      }
      merged.set(v.getKey(), v.getValue());
    }
    try {
      return Json.mapper().treeToValue(merged, spec.parametersType());
    } catch (JsonProcessingException | IllegalArgumentException e) {
      String message = e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
      throw new InvalidParameterException(spec.name() + ": parameters " + values + " do not fit "
          + spec.parametersType().getSimpleName() + ": " + message);
    }
  }

  private static List<String> beamArgs(ComponentSpec<?> spec, JsonNode values) {
    JsonNode args = values.get(ParameterDefinition.BEAM_ARGS);
    List<String> out = new ArrayList<>();
    if (args == null || args.isNull()) {
      return out;
    }
    if (!args.isArray()) {
      throw new InvalidParameterException(spec.name() + ": parameter " + ParameterDefinition.BEAM_ARGS
          + " must be a list of Beam options such as [\"--runner=FlinkRunner\"], got " + args);
    }
    for (JsonNode a : args) {
      if (!a.isTextual() || !a.asText().startsWith("--")) {
        throw new InvalidParameterException(spec.name() + ": each of " + ParameterDefinition.BEAM_ARGS
            + " must be an option '--name=value', got " + a);
      }
      out.add(a.asText());
    }
    return out;
  }

  private ComponentRun<P> bindInputs(ComponentSpec<P> spec, JsonNode artifacts, ComponentRun<P> run) {
    checkKeys(spec.name(), "input artifact", artifacts, spec.inputs().keySet(), false);
    for (ChannelSpec channel : spec.inputs().values()) {
      JsonNode list = artifacts.path(channel.key()).path("artifacts");
      if (list.isMissingNode() || list.isEmpty()) {
        if (!channel.optional()) {
          throw new InvalidInputException(spec.name() + ": required input artifact '" + channel.key()
              + "' (" + channel.type() + ") is missing from the executor input");
        }
        continue;
      }
      for (JsonNode artifact : list) {
        String beamlineType = artifact.path("metadata").path(ArtifactSchemas.TYPE_KEY).asText(channel.type().name());
        if (!beamlineType.equals(channel.type().name())) {
          throw new InvalidInputException(spec.name() + ": input '" + channel.key() + "' expects "
              + channel.type() + ", got a " + beamlineType + " at " + artifact.path("uri").asText());
        }
        String local = mapping.localPath(artifact.path("uri").asText());
        ResolvedArtifact resolved = ArtifactManifest.read(local).isPresent() ? ResolvedArtifact.at(channel.type(), local)
            : new ResolvedArtifact(0, channel.type(), local, metadataProperties(artifact.path("metadata")));
        run = run.withInput(channel.key(), resolved);
      }
    }
    return run;
  }

  /** An artifact with no Beamline manifest (made elsewhere) keeps KFP's metadata as its properties. */
  private static ArtifactProperties metadataProperties(JsonNode metadata) {
    if (!metadata.isObject()) {
      return ArtifactProperties.empty();
    }
    ObjectNode copy = metadata.deepCopy();
    copy.remove(ArtifactSchemas.TYPE_KEY);
    @SuppressWarnings("unchecked")
    Map<String, Object> map = Json.mapper().convertValue(copy, Map.class);
    return ArtifactProperties.of(map);
  }

  private static void checkKeys(String component, String what, JsonNode given, Set<String> declared, boolean all) {
    for (Iterator<String> it = given.fieldNames(); it.hasNext(); ) {
      String key = it.next();
      if (!declared.contains(key)) {
        throw new InvalidInputException(component + " has no " + what + " '" + key + "'; it has " + declared);
      }
    }
    if (all) {
      for (String key : declared) {
        if (!given.has(key)) {
          throw new InvalidInputException(component + ": " + what + " '" + key + "' is missing from the executor input");
        }
      }
    }
  }

  private static JsonNode single(String component, String where, String key, JsonNode list) {
    JsonNode artifacts = list.path("artifacts");
    if (artifacts.size() != 1 || artifacts.get(0).path("uri").asText().isEmpty()) {
      throw new InvalidInputException(component + ": " + where + "['" + key + "'] must hold exactly one artifact"
          + " with a uri, got " + list);
    }
    return artifacts.get(0);
  }

  private static ObjectNode executorOutput(ComponentSpec<?> spec, JsonNode outputs, ComponentResult result) {
    ObjectNode doc = JsonNodeFactory.instance.objectNode();
    ObjectNode artifacts = doc.putObject("artifacts");
    for (Map.Entry<String, ResolvedArtifact> e : result.outputs().entrySet()) {
      JsonNode given = outputs.get(e.getKey()).path("artifacts").get(0);
      ObjectNode artifact = artifacts.putObject(e.getKey()).putArray("artifacts").addObject();
      artifact.put("name", given.path("name").asText(e.getKey()));
      artifact.put("uri", given.path("uri").asText());
      ObjectNode metadata = Json.mapper().valueToTree(e.getValue().properties().asMap());
      metadata.put(ArtifactSchemas.TYPE_KEY, spec.requireOutput(e.getKey()).type().name());
      artifact.set("metadata", metadata);
    }
    return doc;
  }
}
