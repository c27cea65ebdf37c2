package io.beamline.orchestrator;

import io.beamline.core.component.ArtifactType;
import io.beamline.core.component.PropertyNames;
import io.beamline.core.component.ResolvedArtifact;
import io.beamline.metadata.Artifact;
import io.beamline.metadata.ArtifactState;
import io.beamline.metadata.Event;
import io.beamline.metadata.EventType;
import io.beamline.metadata.MetadataStore;
import io.beamline.metadata.Value;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Built-in {@link Condition}s for {@link Node#when}:
 *
 * <pre>{@code
 * var train = Node.of(new Trainer()).withInput(...)
 *     .when(Conditions.anyOf(
 *         Conditions.propertyIs(monitor.output("anomalies"), "drift_detected", true),
 *         Conditions.modelOlderThan(7, gen.output("examples"))));
 * }</pre>
 */
public final class Conditions {
  private Conditions() {}

  /** Runs when an upstream output's property equals {@code expected} (a missing property is not equal). */
  public static Condition propertyIs(OutputRef output, String property, Object expected) {
    Objects.requireNonNull(expected, "expected");
    return new Condition() {
      @Override
      public Set<String> upstreamIds() {
        return Set.of(output.nodeId());
      }

      @Override
      public Decision decide(java.util.Map<String, NodeResult> upstream, MetadataStore store,
          io.beamline.metadata.Context pipelineContext) {
        ResolvedArtifact artifact = upstream.get(output.nodeId()).output(output.key());
        Object actual = artifact.properties().get(property).orElse(null);
        boolean equal = expected.equals(actual)
            || (actual instanceof Number a && expected instanceof Number e && a.doubleValue() == e.doubleValue());
        return new Decision(equal, output + " " + property + " is " + actual
            + (equal ? "" : ", not " + expected));
      }

      @Override
      public String describe() {
        return output + " " + property + " is " + expected;
      }
    };
  }

  /**
   * Runs when the pipeline's newest LIVE model was trained on a span at least {@code spans} before
   * the span of {@code examples} (this run's data), or when the pipeline has no model yet. A model's
   * span is that of the Examples its training execution read (input key {@code examples}).
   */
  public static Condition modelOlderThan(long spans, OutputRef examples) {
    return new Condition() {
      @Override
      public Set<String> upstreamIds() {
        return Set.of(examples.nodeId());
      }

      @Override
      public Decision decide(java.util.Map<String, NodeResult> upstream, MetadataStore store,
          io.beamline.metadata.Context pipelineContext) {
        ResolvedArtifact current = upstream.get(examples.nodeId()).output(examples.key());
        long span = current.properties().has(PropertyNames.SPAN) ? current.properties().getLong(PropertyNames.SPAN) : 0;
        Optional<Artifact> model = store.getArtifactsByContext(pipelineContext.id()).stream()
            .filter(a -> a.type().equals(ArtifactType.MODEL.name()) && a.state() == ArtifactState.LIVE)
            .max(Comparator.comparingLong(Artifact::id));
        if (model.isEmpty()) {
          return Decision.run("the pipeline has no model yet");
        }
        Optional<Long> trained = trainingSpan(store, model.get());
        if (trained.isEmpty()) {
          return Decision.run("the span model " + model.get().id() + " was trained on is unknown");
        }
        long age = span - trained.get();
        return new Decision(age >= spans, "model " + model.get().id() + " was trained on span " + trained.get()
            + ", " + age + " span(s) before span " + span + (age >= spans ? "" : ", fewer than " + spans));
      }

      @Override
      public String describe() {
        return "the latest model is " + spans + " or more spans old";
      }
    };
  }

  /** Runs when any of the conditions says run; the reasons of all are given. */
  public static Condition anyOf(Condition... conditions) {
    List<Condition> all = List.copyOf(Arrays.asList(conditions));
    return new Condition() {
      @Override
      public Set<String> upstreamIds() {
        Set<String> ids = new LinkedHashSet<>();
        all.forEach(c -> ids.addAll(c.upstreamIds()));
        return ids;
      }

      @Override
      public Decision decide(java.util.Map<String, NodeResult> upstream, MetadataStore store,
          io.beamline.metadata.Context pipelineContext) {
        List<String> reasons = new ArrayList<>();
        boolean run = false;
        for (Condition c : all) {
          Decision d = c.decide(upstream, store, pipelineContext);
          run |= d.run();
          reasons.add(d.reason());
        }
        return new Decision(run, String.join("; ", reasons));
      }

      @Override
      public String describe() {
        return "any of: " + all.stream().map(Condition::describe).toList();
      }
    };
  }

  /** The span of the Examples the execution that produced {@code model} read as {@code examples}. */
  static Optional<Long> trainingSpan(MetadataStore store, Artifact model) {
    for (Event out : store.getEventsByArtifactIds(List.of(model.id()))) {
      if (out.type() != EventType.OUTPUT) {
        continue;
      }
      for (Event in : store.getEventsByExecutionIds(List.of(out.executionId()))) {
        if (in.type() == EventType.INPUT && in.key().equals("examples")) {
          Optional<Artifact> examples = store.getArtifact(in.artifactId());
          Value span = examples.map(a -> a.customProperties().get(PropertyNames.SPAN)).orElse(null);
          if (span != null && StoreValues.toJava(span) instanceof Number n) {
            return Optional.of(n.longValue());
          }
        }
      }
    }
    return Optional.empty();
  }
}
