package io.beamline.core.statistics;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.beamline.core.InvalidInputException;
import io.beamline.core.Json;
import io.beamline.core.TextFiles;
import io.beamline.core.component.ArtifactUris;
import io.beamline.core.examples.ExamplesLayout;
import java.io.Serializable;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The sketches a split's statistics were computed from, kept beside them as
 * {@code Split-<name>/FeatureSketches.json} so that two spans can be compared at the sketches'
 * accuracy rather than through ten histogram buckets. One entry per feature of the whole split
 * (slices keep none). Sketch bytes are DataSketches' own serialisations, base64-encoded, so any
 * DataSketches library (Java, C++, Python) reads them.
 *
 * @param numExamples examples in the split
 * @param features one sketch per feature, by name
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record FeatureSketches(long numExamples, List<FeatureSketch> features) implements Serializable {
  public static final String FILE_NAME = "FeatureSketches.json";

  public FeatureSketches {
    features = List.copyOf(features);
  }

  /**
   * One feature's value distribution: exactly one of the four forms is set. Numeric: exact
   * {@code numericCounts} (distinct value to count) while the feature has few distinct values, else
   * a KLL quantiles sketch ({@code kll}, {@code KllDoublesSketch.toByteArray}, k = 400). String
   * (and categorical INT): exact {@code stringCounts} while there are at most
   * {@link #MAX_EXACT_STRINGS} distinct values, else a frequent-items sketch
   * ({@code frequentItems}, {@code ItemsSketch<String>.toByteArray(ArrayOfStringsSerDe)}).
   *
   * @param name the feature
   * @param n the number of values the sketch summarises
   */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record FeatureSketch(String name, long n, Map<Double, Long> numericCounts, String kll,
      Map<String, Long> stringCounts, String frequentItems) implements Serializable {
    /** Distinct strings written as exact counts; past it a frequent-items sketch is written. */
    public static final int MAX_EXACT_STRINGS = 10_000;

    public FeatureSketch {
      Objects.requireNonNull(name, "name");
      numericCounts = numericCounts == null ? null : new TreeMap<>(numericCounts);
      stringCounts = stringCounts == null ? null : new TreeMap<>(stringCounts);
      int forms = (numericCounts != null ? 1 : 0) + (kll != null ? 1 : 0) + (stringCounts != null ? 1 : 0)
          + (frequentItems != null ? 1 : 0);
      if (forms != 1) {
        throw new IllegalArgumentException("Feature sketch '" + name + "' needs exactly one of numeric_counts, kll,"
            + " string_counts, frequent_items; got " + forms);
      }
    }

    public boolean numeric() {
      return numericCounts != null || kll != null;
    }
  }

  public Optional<FeatureSketch> feature(String name) {
    return features.stream().filter(f -> f.name().equals(name)).findFirst();
  }

  /** {@code <statisticsUri>/Split-<split>/FeatureSketches.json}. */
  public static String splitFile(String statisticsUri, String split) {
    return ArtifactUris.child(ExamplesLayout.splitDir(statisticsUri, split), FILE_NAME);
  }

  public static void write(FeatureSketches sketches, String fileUri) {
    TextFiles.write(fileUri, Json.write(sketches), "text/plain");
  }

  /**
   * Reads a split's sketches.
   *
   * @throws InvalidInputException naming the file when it is missing (statistics written before
   *     sketches were kept) or unreadable
   */
  public static FeatureSketches readSplit(String statisticsUri, String split) {
    String file = splitFile(statisticsUri, split);
    String text = TextFiles.read(file, "Feature sketches file");
    try {
      return Json.mapper().readValue(text, FeatureSketches.class);
    } catch (JsonProcessingException | IllegalArgumentException e) {
      throw new InvalidInputException("Cannot read feature sketches from " + file + ": " + e.getMessage());
    }
  }
}
