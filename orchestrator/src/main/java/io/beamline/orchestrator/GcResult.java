package io.beamline.orchestrator;

import java.util.List;

/**
 * What a garbage collection did.
 *
 * @param plan what it set out to do
 * @param deleted ids of the artifacts it marked DELETED (a planned one that a run took up since,
 *     from cache, is left LIVE)
 * @param payloadsRemoved payload directories removed, leftovers of earlier collections included
 * @param failures payloads that could not be removed, one line each; their artifacts are DELETED
 *     and the next collection tries again
 */
public record GcResult(GcPlan plan, List<Long> deleted, int payloadsRemoved, List<String> failures) {
  public GcResult {
    deleted = List.copyOf(deleted);
    failures = List.copyOf(failures);
  }
}
