package io.beamline.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.beamline.core.statistics.DatasetFeatureStatistics;
import io.beamline.core.statistics.FeatureNameStatistics;
import io.beamline.core.statistics.NumericStatistics;
import io.beamline.io.examples.CloseableIterator;
import io.beamline.io.examples.ExampleCoder;
import io.beamline.io.examples.Examples;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import org.tensorflow.proto.Example;

/**
 * What "the same answers on another runner" means, checked field by field. Public for the runner
 * modules' own tests (e.g. on a real cluster) that do not run through {@link RunnerContract}.
 */
public final class RunnerAgreement {
  /**
   * Features of the taxi data with more than 1,024 distinct numbers: their median and histograms
   * come from a KLL sketch, whose compaction is randomized, so they vary within the sketch's rank
   * error between any two runs, on one runner too. Every other field is exact.
   */
  public static final Set<String> SKETCHED = Set.of("trip_start_timestamp");

  private RunnerAgreement() {}

  public static void assertSameStatistics(DatasetFeatureStatistics expected, DatasetFeatureStatistics actual) {
    assertEquals(expected.numExamples(), actual.numExamples(), "num_examples");
    assertEquals(expected.features().size(), actual.features().size(), "feature count");
    for (FeatureNameStatistics e : expected.features()) {
      FeatureNameStatistics a = actual.requireFeature(e.name());
      if (SKETCHED.contains(e.name())) {
        assertEquals(withoutQuantiles(e), withoutQuantiles(a), "feature " + e.name());
      } else {
        assertEquals(e, a, "feature " + e.name());
      }
    }
  }

  /**
   * Two evaluations' metrics.json agree: every number within 1e-9 (relative above 1), every other
   * value equal, except the ids and URIs of the artifacts evaluated (each run has its own).
   */
  public static void assertSameMetrics(Path expected, Path actual) throws IOException {
    ObjectMapper json = new ObjectMapper();
    assertSameJson(json.readTree(expected.toFile()), json.readTree(actual.toFile()), "");
  }

  private static void assertSameJson(JsonNode expected, JsonNode actual, String path) {
    if (expected.isNumber() && actual.isNumber()) {
      double e = expected.asDouble();
      assertEquals(e, actual.asDouble(), 1e-9 * Math.max(1, Math.abs(e)), path);
    } else if (expected.isObject() && actual.isObject()) {
      assertEquals(fieldNames(expected), fieldNames(actual), path);
      expected.fields().forEachRemaining(f -> {
        if (!f.getKey().endsWith("_id") && !f.getKey().endsWith("_uri")) {
          assertSameJson(f.getValue(), actual.get(f.getKey()), path + "/" + f.getKey());
        }
      });
    } else if (expected.isArray() && actual.isArray()) {
      assertEquals(expected.size(), actual.size(), path);
      for (int i = 0; i < expected.size(); i++) {
        assertSameJson(expected.get(i), actual.get(i), path + "[" + i + "]");
      }
    } else {
      assertEquals(expected, actual, path);
    }
  }

  private static List<String> fieldNames(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }

  private static FeatureNameStatistics withoutQuantiles(FeatureNameStatistics f) {
    NumericStatistics n = f.numStats();
    if (n == null) {
      return f;
    }
    NumericStatistics exact = new NumericStatistics(n.mean(), n.stdDev(), n.numZeros(), n.min(), null, n.max(),
        n.numNan(), n.numPosInf(), n.numNegInf(), List.of(), n.weightedNumericStats());
    return new FeatureNameStatistics(f.name(), f.type(), f.commonStats(), exact, f.stringStats());
  }

  /** The split's examples as sorted deterministic bytes (Base64), whatever files and order hold them. */
  public static List<String> examples(String examplesUri, String split) throws Exception {
    List<String> out = new ArrayList<>();
    try (CloseableIterator<Example> it = Examples.read(examplesUri, split)) {
      while (it.hasNext()) {
        out.add(Base64.getEncoder().encodeToString(ExampleCoder.serialize(it.next())));
      }
    }
    Collections.sort(out);
    return out;
  }
}
