package io.beamline.metadata;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Breadth-first walk over events, one batched query per hop: the frontier alternates between
 * artifacts and executions, and nodes already seen are not expanded again.
 */
final class LineageWalker {
  private LineageWalker() {}

  static LineageGraph walk(Connection c, LineageQuery q) throws SQLException {
    Set<Long> artifacts = new LinkedHashSet<>();
    Set<Long> executions = new LinkedHashSet<>();
    Set<Event> events = new LinkedHashSet<>();
    if (q.startIsArtifact()) {
      ArtifactDao.get(c, q.startId());
      artifacts.add(q.startId());
    } else {
      ExecutionDao.get(c, q.startId());
      executions.add(q.startId());
    }
    if (q.direction() != LineageDirection.DOWNSTREAM) {
      walk(c, q, true, artifacts, executions, events);
    }
    if (q.direction() != LineageDirection.UPSTREAM) {
      walk(c, q, false, artifacts, executions, events);
    }
    return new LineageGraph(ArtifactDao.byIds(c, artifacts), ExecutionDao.byIds(c, executions),
        List.copyOf(events));
  }

  /**
   * Upstream, an artifact leads to its producers (OUTPUT events) and an execution to its inputs
   * (INPUT events); downstream the other way round.
   */
  private static void walk(Connection c, LineageQuery q, boolean upstream, Set<Long> artifacts,
      Set<Long> executions, Set<Event> events) throws SQLException {
    walk(c, q.startIsArtifact(), Set.of(q.startId()), q.maxHops(), upstream, artifacts,
        executions, events);
  }

  /**
   * The ids of every artifact the given ones were made from, however far back, the given ones
   * included: one walk from all of them at once, one batched query per hop.
   */
  static Set<Long> upstreamArtifactIds(Connection c, Set<Long> artifactIds) throws SQLException {
    Set<Long> artifacts = new LinkedHashSet<>(artifactIds);
    walk(c, true, artifactIds, LineageQuery.UNLIMITED, true, artifacts, new LinkedHashSet<>(),
        new LinkedHashSet<>());
    return artifacts;
  }

  private static void walk(Connection c, boolean startIsArtifact, Set<Long> starts, int maxHops,
      boolean upstream, Set<Long> artifacts, Set<Long> executions, Set<Event> events)
      throws SQLException {
    Set<Long> seenArtifacts = new LinkedHashSet<>();
    Set<Long> seenExecutions = new LinkedHashSet<>();
    boolean atArtifacts = startIsArtifact;
    Set<Long> frontier = starts;
    (atArtifacts ? seenArtifacts : seenExecutions).addAll(starts);
    for (int hop = 0; hop < maxHops && !frontier.isEmpty(); hop++) {
      Set<Long> next = new LinkedHashSet<>();
      if (atArtifacts) {
        EventType edge = upstream ? EventType.OUTPUT : EventType.INPUT;
        for (Event e : EventDao.byIds(c, "artifact_id", frontier, edge)) {
          events.add(e);
          if (seenExecutions.add(e.executionId())) {
            next.add(e.executionId());
          }
        }
        executions.addAll(next);
      } else {
        EventType edge = upstream ? EventType.INPUT : EventType.OUTPUT;
        for (Event e : EventDao.byIds(c, "execution_id", frontier, edge)) {
          events.add(e);
          if (seenArtifacts.add(e.artifactId())) {
            next.add(e.artifactId());
          }
        }
        artifacts.addAll(next);
      }
      frontier = next;
      atArtifacts = !atArtifacts;
    }
  }
}
