package io.beamline.orchestrator;

import io.beamline.core.InvalidParameterException;
import io.beamline.core.component.ArtifactType;
import io.beamline.core.component.PropertyNames;
import io.beamline.core.component.ResolvedArtifact;
import io.beamline.core.monitoring.MetricRef;
import io.beamline.core.monitoring.Series;
import io.beamline.core.monitoring.SeriesPoint;
import io.beamline.core.monitoring.SeriesReader;
import io.beamline.core.monitoring.SpanDistance;
import io.beamline.core.monitoring.StatisticRef;
import io.beamline.core.statistics.DatasetFeatureStatistics;
import io.beamline.metadata.Artifact;
import io.beamline.metadata.ArtifactState;
import io.beamline.metadata.ContextTypes;
import io.beamline.metadata.MetadataStore;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Series over a store's history: any statistic of any feature across the spans of the LIVE
 * ExampleStatistics, any metric of any slice across the LIVE ModelEvaluations.
 *
 * <pre>{@code
 * Series fares = History.of(store).inPipeline("chicago_taxi").ofNode("StatisticsGen")
 *     .statistic(StatisticRef.parse("fare:mean"), "train");
 * Series auc = History.of(store).inPipeline("chicago_taxi").metric(MetricRef.parse("auc@worst"));
 * }</pre>
 *
 * <p>Artifacts are ordered by their {@code span} property (StatisticsGen copies it from its
 * Examples), then by id; for a span computed more than once the newest artifact stands. Artifacts
 * without a span come after, by id. One store query finds them; then each artifact's file is read.
 */
public final class History {
  private final MetadataStore store;
  private final String pipeline;
  private final String node;
  private final SpanDistance distance;

  private History(MetadataStore store, String pipeline, String node, SpanDistance distance) {
    this.store = store;
    this.pipeline = pipeline;
    this.node = node;
    this.distance = distance;
  }

  /** Every pipeline's artifacts. */
  public static History of(MetadataStore store) {
    return new History(Objects.requireNonNull(store, "store"), null, null, null);
  }

  /** Only the artifacts of this pipeline. */
  public History inPipeline(String name) {
    return new History(store, name, node, distance);
  }

  /** Only the artifacts this node of the pipeline wrote (e.g. the training data's StatisticsGen, not the serving one's). */
  public History ofNode(String nodeId) {
    return new History(store, pipeline, nodeId, distance);
  }

  /** How {@code FEATURE:drift} series measure the distance between consecutive spans. */
  public History withSpanDistance(SpanDistance d) {
    return new History(store, pipeline, node, d);
  }

  /** The LIVE artifacts of {@code type}, oldest span first, one per span. */
  public List<ResolvedArtifact> artifacts(ArtifactType type) {
    List<Artifact> found;
    if (node != null) {
      if (pipeline == null) {
        throw new InvalidParameterException("A node's history needs its pipeline: inPipeline(name).ofNode(\"" + node + "\")");
      }
      found = context(ContextTypes.NODE, pipeline + "." + node);
    } else if (pipeline != null) {
      found = context(ContextTypes.PIPELINE, pipeline);
    } else {
      found = store.getArtifactsByType(type.name());
    }
    Map<Long, ResolvedArtifact> bySpan = new java.util.TreeMap<>();
    List<ResolvedArtifact> unspanned = new ArrayList<>();
    found.stream()
        .filter(a -> a.type().equals(type.name()) && a.state() == ArtifactState.LIVE)
        .sorted(Comparator.comparingLong(Artifact::id))
        .map(a -> NodeExecution.toResolved(a, type))
        .forEach(a -> {
          if (a.properties().has(PropertyNames.SPAN)) {
            bySpan.put(a.properties().getLong(PropertyNames.SPAN), a); // newest of a span wins
          } else {
            unspanned.add(a);
          }
        });
    List<ResolvedArtifact> out = new ArrayList<>(bySpan.values());
    out.addAll(unspanned);
    return out;
  }

  private List<Artifact> context(String type, String name) {
    return store.getContext(type, name).map(c -> store.getArtifactsByContext(c.id()))
        .orElseThrow(() -> new InvalidParameterException("The store has no " + type + " named '" + name + "'"));
  }

  /** The statistic over the spans, of the whole split. */
  public Series statistic(StatisticRef ref, String split) {
    return statistic(ref, split, DatasetFeatureStatistics.ALL_EXAMPLES);
  }

  /**
   * The statistic over the spans, of one slice of the split ({@value DatasetFeatureStatistics#ALL_EXAMPLES}
   * for the whole); NaN where an artifact lacks it. A drift series starts at NaN (no previous span).
   */
  public Series statistic(StatisticRef ref, String split, String slice) {
    return SeriesReader.statistic(ref, artifacts(ArtifactType.EXAMPLE_STATISTICS), split, slice, distance);
  }

  /** The metric over the evaluations, one per span of the evaluated examples (or per artifact). */
  public Series metric(MetricRef ref) {
    return SeriesReader.metric(ref, artifacts(ArtifactType.MODEL_EVALUATION));
  }

  /** Several series side by side, by point key: for tables and CSV. */
  public static Map<Long, double[]> align(List<Series> series) {
    Map<Long, double[]> rows = new java.util.TreeMap<>();
    for (int i = 0; i < series.size(); i++) {
      for (SeriesPoint p : series.get(i).points()) {
        double[] row = rows.computeIfAbsent(p.key(), k -> {
          double[] r = new double[series.size()];
          java.util.Arrays.fill(r, Double.NaN);
          return r;
        });
        row[i] = p.value();
      }
    }
    return new LinkedHashMap<>(rows);
  }
}
