package io.beamline.orchestrator;

import io.beamline.core.component.ArtifactType;
import io.beamline.core.component.ResolvedArtifact;
import io.beamline.metadata.Context;
import io.beamline.metadata.MetadataStore;
import java.util.List;
import java.util.Map;

/**
 * Binds a node input to artifacts found in the store when the node runs, rather than to another
 * node's output: e.g. the latest blessed model of the pipeline as the evaluator's baseline. A
 * resolver adds no dependency between nodes; what it finds is recorded as INPUT events like any
 * other input and is part of the cache key.
 */
public interface InputResolver {
  /** The artifact type the resolved artifacts have. */
  ArtifactType type();

  /**
   * @param store the metadata store
   * @param pipelineContext the pipeline's context (all its runs' artifacts are attributed to it)
   * @param inputs the node's other inputs, already resolved (e.g. to leave the candidate out)
   * @return the artifacts to bind; empty leaves an optional input unbound
   */
  List<ResolvedArtifact> resolve(MetadataStore store, Context pipelineContext,
      Map<String, List<ResolvedArtifact>> inputs);

  /** A short description for messages and logs. */
  String describe();
}
