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
    Set<Long> seenArtifacts = new LinkedHashSet<>();
    Set<Long> seenExecutions = new LinkedHashSet<>();
    boolean atArtifacts = q.startIsArtifact();
    Set<Long> frontier = Set.of(q.startId());
    (atArtifacts ? seenArtifacts : seenExecutions).add(q.startId());
    for (int hop = 0; hop < q.maxHops() && !frontier.isEmpty(); hop++) {
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
