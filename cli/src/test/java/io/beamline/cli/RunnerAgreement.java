package io.beamline.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.beamline.core.statistics.DatasetFeatureStatistics;
import io.beamline.core.statistics.FeatureNameStatistics;
import io.beamline.core.statistics.NumericStatistics;
import io.beamline.io.examples.CloseableIterator;
import io.beamline.io.examples.ExampleCoder;
import io.beamline.io.examples.Examples;
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
