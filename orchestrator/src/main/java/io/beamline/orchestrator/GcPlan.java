package io.beamline.orchestrator;

import io.beamline.metadata.Artifact;
import java.util.List;

/**
 * What a garbage collection does, worked out before it does anything ({@code beamline gc
 * --dry-run} prints it).
 *
 * @param policy the retention policy applied
 * @param keptRuns runs the policy keeps (and those still running)
 * @param collectedRuns runs it does not keep
 * @param collect artifacts of collected runs that nothing kept depends on: they become DELETED
 *     and their payloads are removed
 * @param outsideRoot artifacts that would be collected but whose payload is not under the
 *     artifact root: left as they are
 * @param leftovers DELETED artifacts whose payload is still there (a collection was interrupted):
 *     their payloads are removed
 */
public record GcPlan(RetentionPolicy policy, List<String> keptRuns, List<String> collectedRuns,
    List<Artifact> collect, List<Artifact> outsideRoot, List<Artifact> leftovers) {
  public GcPlan {
    keptRuns = List.copyOf(keptRuns);
    collectedRuns = List.copyOf(collectedRuns);
    collect = List.copyOf(collect);
    outsideRoot = List.copyOf(outsideRoot);
    leftovers = List.copyOf(leftovers);
  }
}
