package io.beamline.core.monitoring;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.beamline.core.InvalidInputException;
import io.beamline.core.InvalidParameterException;
import io.beamline.core.Json;
import io.beamline.core.TextFiles;
import io.beamline.core.component.ArtifactUris;
import io.beamline.core.component.PropertyNames;
import io.beamline.core.component.ResolvedArtifact;
import io.beamline.core.statistics.DatasetFeatureStatistics;
import io.beamline.core.statistics.StatisticsJson;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;

/**
 * Builds a series from artifacts given oldest first, the one way both the store's history and the
 * Monitor component read them: one point per artifact, at its {@code span} property (-1 without),
 * NaN where the artifact lacks the value.
 */
public final class SeriesReader {
  /** The file name a ModelEvaluation's metrics have when its properties do not say. */
  static final String DEFAULT_METRICS_FILE = "metrics.json";

  private SeriesReader() {}

  /**
   * A statistic of one data set ({@code slice}, e.g. {@code All Examples}) of a split over
   * ExampleStatistics artifacts; a pairwise one ({@code FEATURE:drift}) needs {@code distance} and
   * starts at NaN.
   */
  public static Series statistic(StatisticRef ref, List<ResolvedArtifact> statistics, String split, String slice,
      SpanDistance distance) {
    if (ref.isPairwise() && distance == null) {
      throw new InvalidParameterException(ref + " compares consecutive spans and needs a span distance");
    }
    List<SeriesPoint> points = new ArrayList<>(statistics.size());
    ResolvedArtifact previous = null;
    for (ResolvedArtifact a : statistics) {
      OptionalDouble value;
      if (ref.isPairwise()) {
        value = previous == null ? OptionalDouble.empty() : distance.between(a.uri(), previous.uri(), split, ref.feature());
      } else {
        value = ref.read(slice.equals(DatasetFeatureStatistics.ALL_EXAMPLES) && ref.feature() != null
            // the whole split, one feature: stream past everything else (histories read many files)
            ? StatisticsJson.readWhole(a.uri(), split, java.util.Set.of(ref.feature()))
            : StatisticsJson.readSplit(a.uri(), split).dataset(slice));
      }
      points.add(point(a, value));
      previous = a;
    }
    return new Series(ref.toString(), points);
  }

  /** A metric over ModelEvaluation artifacts. */
  public static Series metric(MetricRef ref, List<ResolvedArtifact> evaluations) {
    List<SeriesPoint> points = new ArrayList<>(evaluations.size());
    for (ResolvedArtifact e : evaluations) {
      points.add(point(e, ref.read(metricsJson(e), e.uri())));
    }
    return new Series(ref.toString(), points);
  }

  /** The parsed metrics file of a ModelEvaluation artifact (its {@code metrics_file} property, else metrics.json). */
  public static JsonNode metricsJson(ResolvedArtifact evaluation) {
    String name = evaluation.properties().has(PropertyNames.METRICS_FILE)
        ? evaluation.properties().getString(PropertyNames.METRICS_FILE) : DEFAULT_METRICS_FILE;
    String file = ArtifactUris.child(evaluation.uri(), name);
    try {
      return Json.mapper().readTree(TextFiles.read(file, "Evaluation metrics"));
    } catch (JsonProcessingException e) {
      throw new InvalidInputException("Cannot read evaluation metrics " + file + ": " + e.getOriginalMessage());
    }
  }

  private static SeriesPoint point(ResolvedArtifact a, OptionalDouble value) {
    long span = a.properties().has(PropertyNames.SPAN) ? a.properties().getLong(PropertyNames.SPAN) : -1;
    return new SeriesPoint(span, a.id(), value.isPresent() ? value.getAsDouble() : Double.NaN);
  }
}
