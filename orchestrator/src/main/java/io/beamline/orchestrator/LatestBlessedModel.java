package io.beamline.orchestrator;

import io.beamline.core.component.PropertyNames;
import io.beamline.core.component.ArtifactType;
import io.beamline.core.component.ResolvedArtifact;
import io.beamline.metadata.Artifact;
import io.beamline.metadata.ArtifactState;
import io.beamline.metadata.Context;
import io.beamline.metadata.MetadataStore;
import io.beamline.metadata.Value;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The newest LIVE model of this pipeline that a LIVE ModelBlessing says is blessed, other than the
 * models the node already has as inputs (a cached trainer hands the evaluator the same model it
 * blessed last time: a model is not its own baseline). Blessings name their model with the
 * {@code candidate_model_id} property, as the Evaluator writes it.
 */
public final class LatestBlessedModel implements InputResolver {
  static final String BLESSED = PropertyNames.BLESSED;
  static final String CANDIDATE_MODEL_ID = PropertyNames.CANDIDATE_MODEL_ID;

  private LatestBlessedModel() {}

  public static LatestBlessedModel of() {
    return new LatestBlessedModel();
  }

  @Override
  public ArtifactType type() {
    return ArtifactType.MODEL;
  }

  @Override
  public List<ResolvedArtifact> resolve(MetadataStore store, Context pipelineContext,
      Map<String, List<ResolvedArtifact>> inputs) {
    Set<Long> exclude = inputs.values().stream().flatMap(List::stream).map(ResolvedArtifact::id)
        .collect(Collectors.toSet());
    List<Artifact> blessings = store.getArtifactsByContext(pipelineContext.id()).stream()
        .filter(a -> a.type().equals(ArtifactType.MODEL_BLESSING.name()) && a.state() == ArtifactState.LIVE)
        .filter(a -> Boolean.TRUE.equals(property(a, BLESSED)))
        .sorted(Comparator.comparingLong(Artifact::id).reversed())
        .toList();
    for (Artifact blessing : blessings) {
      Optional<Artifact> model = Optional.ofNullable(property(blessing, CANDIDATE_MODEL_ID))
          .filter(Long.class::isInstance)
          .flatMap(id -> store.getArtifact((Long) id))
          .filter(m -> m.state() == ArtifactState.LIVE && !exclude.contains(m.id()));
      if (model.isPresent()) {
        return List.of(NodeExecution.toResolved(model.get(), ArtifactType.MODEL));
      }
    }
    return List.of();
  }

  private static Object property(Artifact a, String key) {
    Value v = a.customProperties().get(key);
    return v == null ? null : StoreValues.toJava(v);
  }

  @Override
  public String describe() {
    return "the latest blessed model of the pipeline";
  }
}
