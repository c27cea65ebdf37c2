package io.beamline.core.component;

import io.beamline.core.InvalidParameterException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.beam.sdk.options.PipelineOptions;

/**
 * Runs one component: the single code path behind library calls, command-line subcommands and
 * pipeline nodes. It checks the bindings against the spec, runs the executor, and publishes each
 * output only when the executor succeeded.
 *
 * <pre>{@code
 * ComponentResult result = ComponentRun.of(new StatisticsGen())
 *     .withInput("examples", ResolvedArtifact.at(ArtifactType.EXAMPLES, "out/examples"))
 *     .withOutput("statistics", "out/stats")
 *     .run();
 * }</pre>
 *
 * <p>Publishing: a local output is written to a sibling {@code <dir>.staging} directory and moved to
 * its final name in one rename after success, so a reader never sees a half-written artifact; a
 * failed run leaves the staging directory for inspection (e.g. rejected rows) and publishes nothing.
 * Remote outputs (gs://, s3://) are written in place: there the metadata store's artifact state
 * (PENDING until the execution completes) is what marks them complete. Existing non-empty output
 * directories are not overwritten unless {@link #withReplaceExisting(boolean) asked}; then the new
 * output is still staged beside the old one and swapped in only after success, so a failed run
 * leaves the old output as it was. Pipeline nodes never ask: store-managed outputs are never
 * overwritten.
 */
public final class ComponentRun<P extends Record> {
  private final Component<P> component;
  private final P parameters;
  private final Map<String, List<ResolvedArtifact>> inputs;
  private final Map<String, String> outputs;
  private final PipelineOptions options;
  private final boolean replaceExisting;

  private ComponentRun(Component<P> component, P parameters, Map<String, List<ResolvedArtifact>> inputs,
      Map<String, String> outputs, PipelineOptions options, boolean replaceExisting) {
    this.component = component;
    this.parameters = parameters;
    this.inputs = inputs;
    this.outputs = outputs;
    this.options = options;
    this.replaceExisting = replaceExisting;
  }

  /** A run with the spec's default parameters, no bindings yet, and {@link BeamRuns#options} defaults (DirectRunner). */
  public static <P extends Record> ComponentRun<P> of(Component<P> component) {
    return new ComponentRun<>(component, component.spec().defaults(), Map.of(), Map.of(), null, false);
  }

  public ComponentRun<P> withParameters(P parameters) {
    return new ComponentRun<>(component, Objects.requireNonNull(parameters, "parameters"), inputs,
        outputs, options, replaceExisting);
  }

  public ComponentRun<P> withInput(String key, ResolvedArtifact artifact) {
    Map<String, List<ResolvedArtifact>> next = new LinkedHashMap<>(inputs);
    List<ResolvedArtifact> list = new ArrayList<>(next.getOrDefault(key, List.of()));
    list.add(artifact);
    next.put(key, List.copyOf(list));
    return new ComponentRun<>(component, parameters, next, outputs, options, replaceExisting);
  }

  public ComponentRun<P> withInputs(Map<String, List<ResolvedArtifact>> all) {
    ComponentRun<P> run = this;
    for (Map.Entry<String, List<ResolvedArtifact>> e : all.entrySet()) {
      for (ResolvedArtifact a : e.getValue()) {
        run = run.withInput(e.getKey(), a);
      }
    }
    return run;
  }

  public ComponentRun<P> withOutput(String key, String uri) {
    Map<String, String> next = new LinkedHashMap<>(outputs);
    next.put(key, Objects.requireNonNull(uri, "uri"));
    return new ComponentRun<>(component, parameters, inputs, next, options, replaceExisting);
  }

  public ComponentRun<P> withOptions(PipelineOptions options) {
    return new ComponentRun<>(component, parameters, inputs, outputs, options, replaceExisting);
  }

  /**
   * Whether an existing non-empty local output directory is replaced (default false: refused). The
   * new output is written beside it and swapped in only when the run succeeded; a failed run
   * leaves the old one intact. Remote outputs are written in place either way.
   */
  public ComponentRun<P> withReplaceExisting(boolean replace) {
    return new ComponentRun<>(component, parameters, inputs, outputs, options, replace);
  }

  public P parameters() {
    return parameters;
  }

  /**
   * Runs the executor and publishes its outputs.
   *
   * @throws InvalidParameterException when bindings do not match the spec
   * @throws RuntimeException the executor's own failure, unwrapped from Beam where possible
   */
  public ComponentResult run() {
    ComponentSpec<P> spec = component.spec();
    checkBindings(spec);
    Map<String, OutputStaging> staging = new LinkedHashMap<>();
    Map<String, String> writeUris = new LinkedHashMap<>();
    for (Map.Entry<String, String> e : outputs.entrySet()) {
      OutputStaging s = OutputStaging.prepare(spec.name(), e.getKey(), e.getValue(), replaceExisting);
      staging.put(e.getKey(), s);
      writeUris.put(e.getKey(), s.writeUri());
    }
    PipelineOptions runOptions = options != null ? options : BeamRuns.options(java.util.List.of());
    ExecutorContext<P> context = new ExecutorContext<>(spec.name(), inputs, parameters, writeUris, runOptions);
    Map<String, ArtifactProperties> produced;
    try {
      produced = component.executor().execute(context);
    } catch (Exception e) {
      throw BeamRuns.unwrap(e);
    }
    Map<String, ResolvedArtifact> published = new LinkedHashMap<>();
    for (Map.Entry<String, OutputStaging> e : staging.entrySet()) {
      String key = e.getKey();
      ArtifactProperties props = produced == null ? ArtifactProperties.empty()
          : produced.getOrDefault(key, ArtifactProperties.empty());
      ArtifactType type = spec.requireOutput(key).type();
      new ArtifactManifest(type.name(), props).write(e.getValue().writeUri());
      String uri = e.getValue().publish();
      published.put(key, new ResolvedArtifact(0, type, uri, props));
    }
    if (produced != null) {
      for (String key : produced.keySet()) {
        spec.requireOutput(key);
      }
    }
    return new ComponentResult(published);
  }

  private void checkBindings(ComponentSpec<P> spec) {
    for (String key : spec.requiredInputs()) {
      if (!inputs.containsKey(key)) {
        throw new InvalidParameterException(spec.name() + ": required input '" + key
            + "' is not bound");
      }
    }
    for (Map.Entry<String, List<ResolvedArtifact>> e : inputs.entrySet()) {
      ChannelSpec channel = spec.requireInput(e.getKey());
      for (ResolvedArtifact a : e.getValue()) {
        if (!a.type().equals(channel.type())) {
          throw new InvalidParameterException(spec.name() + ": input '" + e.getKey() + "' expects "
              + channel.type() + ", got " + a.type() + " at " + a.uri());
        }
      }
    }
    for (String key : outputs.keySet()) {
      spec.requireOutput(key);
    }
    for (String key : spec.outputs().keySet()) {
      if (!outputs.containsKey(key)) {
        throw new InvalidParameterException(spec.name() + ": output '" + key
            + "' has no location; give one with withOutput(\"" + key + "\", uri)");
      }
    }
  }

  /**
   * Deletes the never-published staging directory ({@code <dir>.staging}) of the local output
   * {@code outputUri}, as a run that died left it; nothing when there is none.
   */
  public static void discardStaged(String outputUri) throws IOException {
    OutputStaging.discard(outputUri);
  }
}
