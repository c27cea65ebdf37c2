package io.beamline.orchestrator;

import io.beamline.core.component.ArtifactType;
import io.beamline.core.component.PropertyNames;
import io.beamline.core.component.ResolvedArtifact;
import io.beamline.metadata.Context;
import io.beamline.metadata.MetadataStore;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Binds an input to the artifacts of earlier spans, oldest first ({@link History}): e.g. a
 * Monitor's {@code history} input to the statistics of the last 30 spans before this one.
 *
 * <pre>{@code
 * Node.of(new Monitor()).withInput("statistics", stats.output("statistics"))
 *     .withInput("history", PreviousSpans.of(ArtifactType.EXAMPLE_STATISTICS, 30).ofNode("StatisticsGen")
 *         .before("statistics"));
 * }</pre>
 *
 * <p>Artifacts already bound to the node's other inputs are left out; with {@link #before}, so are
 * those whose span is not below that input's span.
 */
public final class PreviousSpans implements InputResolver {
  private final ArtifactType type;
  private final int max;
  private final String node;
  private final String before;

  private PreviousSpans(ArtifactType type, int max, String node, String before) {
    if (max < 1) {
      throw new IllegalArgumentException("PreviousSpans needs at least 1 span, got " + max);
    }
    this.type = type;
    this.max = max;
    this.node = node;
    this.before = before;
  }

  /** The newest {@code max} LIVE artifacts of {@code type} in the pipeline. */
  public static PreviousSpans of(ArtifactType type, int max) {
    return new PreviousSpans(type, max, null, null);
  }

  /** Only those the pipeline's node {@code nodeId} wrote. */
  public PreviousSpans ofNode(String nodeId) {
    return new PreviousSpans(type, max, nodeId, before);
  }

  /** Only spans below the span of the artifact bound to input {@code inputKey}. */
  public PreviousSpans before(String inputKey) {
    return new PreviousSpans(type, max, node, inputKey);
  }

  @Override
  public ArtifactType type() {
    return type;
  }

  @Override
  public List<ResolvedArtifact> resolve(MetadataStore store, Context pipelineContext,
      Map<String, List<ResolvedArtifact>> inputs) {
    History history = History.of(store).inPipeline(pipelineContext.name());
    if (node != null) {
      if (store.getContext(io.beamline.metadata.ContextTypes.NODE, pipelineContext.name() + "." + node).isEmpty()) {
        return List.of(); // the node has not run yet: no history
      }
      history = history.ofNode(node);
    }
    Set<Long> bound = inputs.values().stream().flatMap(List::stream).map(ResolvedArtifact::id)
        .collect(Collectors.toSet());
    Long limit = before == null ? null : inputs.getOrDefault(before, List.of()).stream()
        .filter(a -> a.properties().has(PropertyNames.SPAN))
        .map(a -> a.properties().getLong(PropertyNames.SPAN)).findFirst().orElse(null);
    List<ResolvedArtifact> found = history.artifacts(type).stream()
        .filter(a -> !bound.contains(a.id()))
        .filter(a -> limit == null || !a.properties().has(PropertyNames.SPAN)
            || a.properties().getLong(PropertyNames.SPAN) < limit)
        .toList();
    return found.subList(Math.max(0, found.size() - max), found.size());
  }

  @Override
  public String describe() {
    return "the last " + max + " " + type + " spans" + (node == null ? "" : " of node " + node)
        + (before == null ? "" : " before input " + before);
  }
}
