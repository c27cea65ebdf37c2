package io.beamline.ui;

import io.beamline.core.statistics.DatasetFeatureStatistics;
import io.beamline.core.statistics.StatisticsHtml;
import io.beamline.core.statistics.StatisticsJson;
import io.beamline.metadata.Artifact;
import io.beamline.metadata.Value;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Two statistics artifacts (two spans, or two runs) in one statistics page: each split of each
 * becomes a row named after its span or artifact, so the same feature of both reads side by side.
 * The page is StatisticsGen's own renderer's.
 */
final class StatisticsComparison {
  private StatisticsComparison() {}

  static String page(Artifact a, Path dirA, Artifact b, Path dirB) {
    Map<String, DatasetFeatureStatistics> rows = new LinkedHashMap<>();
    add(rows, a, dirA);
    add(rows, b, dirB);
    if (rows.isEmpty()) {
      throw new Routes.NotFound("Neither artifact holds split statistics");
    }
    return StatisticsHtml.render(label(a) + " vs " + label(b), rows);
  }

  private static void add(Map<String, DatasetFeatureStatistics> rows, Artifact a, Path dir) {
    try (Stream<Path> splits = Files.list(dir)) {
      splits.filter(p -> p.getFileName().toString().startsWith("Split-")
              && Files.isRegularFile(p.resolve(StatisticsJson.FILE_NAME)))
          .sorted()
          .forEach(p -> rows.put(label(a) + " " + p.getFileName().toString().substring(6),
              StatisticsJson.read(p.resolve(StatisticsJson.FILE_NAME).toString()).whole()));
    } catch (IOException e) {
      throw new java.io.UncheckedIOException("Cannot list " + dir + ": " + e.getMessage(), e);
    }
  }

  static Optional<String> span(Artifact a) {
    Value v = a.customProperties().getOrDefault("span", a.properties().get("span"));
    return v == null ? Optional.empty() : Optional.of(String.valueOf(v.toJava()));
  }

  private static String label(Artifact a) {
    return span(a).map(s -> "span " + s + " (#" + a.id() + ")").orElse("#" + a.id());
  }
}
