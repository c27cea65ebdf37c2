package io.beamline.validator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.beamline.core.anomalies.Anomalies;
import io.beamline.core.anomalies.AnomalyType;
import io.beamline.core.anomalies.Measurement;
import io.beamline.core.schema.SchemaText;
import io.beamline.core.statistics.DatasetFeatureStatistics;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DriftTest {
  private static final String NUMERIC_SCHEMA = "feature { name: \"x\" type: FLOAT"
      + " drift_comparator { jensen_shannon_divergence { threshold: 0.05 } } }";
  private static final String CATEGORICAL_SCHEMA = "feature { name: \"c\" type: BYTES"
      + " drift_comparator { infinity_norm { threshold: 0.1 } jensen_shannon_divergence { threshold: 0.02 } } }";

  private static Anomalies drift(String schema, DatasetFeatureStatistics current, DatasetFeatureStatistics previous) {
    return Validation.of(current).against(SchemaText.parse(schema)).withBaseline(previous)
        .withParameters(ExampleValidatorParameters.defaults().withDriftMode(DriftMode.AUTO)
            .withNumericThresholds(0.1, 0.25, 0.2))
        .run();
  }

  private static Map<String, Double> measures(Anomalies a, String feature) {
    return a.driftSkewInfo().stream().filter(d -> d.path().equals(feature)).findFirst().orElseThrow()
        .driftMeasurements().stream().collect(Collectors.toMap(Measurement::type, Measurement::value));
  }

  @ParameterizedTest
  @ValueSource(ints = {1_000, 100_000})
  void twoSamplesOfTheSameNumericDataAreNotDrifted(int n) {
    Anomalies a = drift(NUMERIC_SCHEMA, Data.normal(n, 10, 2, 1), Data.normal(n, 10, 2, 2));
    assertTrue(a.isEmpty(), () -> a.describe() + measures(a, "x"));
    assertFalse(a.driftSummary().datasetDrifted());
    assertEquals(1, a.driftSummary().featuresEvaluated());
  }

  @ParameterizedTest
  @ValueSource(ints = {1_000, 100_000})
  void aShiftedNumericCopyIsDriftedByEveryMeasure(int n) {
    Anomalies a = drift(NUMERIC_SCHEMA, Data.normal(n, 11.5, 2, 1), Data.normal(n, 10, 2, 2));
    var x = a.anomalyInfo().get("x");
    assertTrue(x.has(AnomalyType.COMPARATOR_JENSEN_SHANNON_DIVERGENCE_HIGH), () -> a.describe());
    assertTrue(x.has(AnomalyType.COMPARATOR_KOLMOGOROV_SMIRNOV_HIGH), () -> a.describe());
    assertTrue(x.has(AnomalyType.COMPARATOR_POPULATION_STABILITY_INDEX_HIGH), () -> a.describe());
    assertTrue(x.has(AnomalyType.COMPARATOR_NORMALIZED_WASSERSTEIN_HIGH), () -> a.describe());
    // A 0.75 standard-deviation shift: Wasserstein reads it back in standard deviations.
    assertEquals(0.75, measures(a, "x").get("NORMALIZED_WASSERSTEIN"), 0.1);
    assertTrue(a.driftSummary().datasetDrifted());
    assertEquals(List.of("x"), a.driftSummary().driftedFeatures());
  }

  @ParameterizedTest
  @ValueSource(ints = {1_000, 100_000})
  void twoSamplesOfTheSameCategoricalDataAreNotDrifted(int n) {
    double[] p = {0.5, 0.3, 0.2};
    Anomalies a = drift(CATEGORICAL_SCHEMA, Data.categorical(n, p, 1), Data.categorical(n, p, 2));
    assertTrue(a.isEmpty(), () -> a.describe() + measures(a, "c"));
    assertFalse(a.driftSummary().datasetDrifted());
  }

  @ParameterizedTest
  @ValueSource(ints = {1_000, 100_000})
  void aShiftedCategoricalMixIsDrifted(int n) {
    Anomalies a = drift(CATEGORICAL_SCHEMA, Data.categorical(n, new double[] {0.3, 0.3, 0.4}, 1),
        Data.categorical(n, new double[] {0.5, 0.3, 0.2}, 2));
    var c = a.anomalyInfo().get("c");
    assertTrue(c.has(AnomalyType.COMPARATOR_L_INFTY_HIGH), () -> a.describe());
    assertTrue(c.has(AnomalyType.COMPARATOR_JENSEN_SHANNON_DIVERGENCE_HIGH), () -> a.describe());
    assertEquals(0.2, measures(a, "c").get("L_INFTY"), 0.05);
    assertTrue(a.driftSummary().datasetDrifted());
  }

  @ParameterizedTest
  @ValueSource(ints = {1_000, 100_000})
  void skewIsMeasuredAgainstServingStatistics(int n) {
    String schema = "feature { name: \"c\" type: BYTES skew_comparator { infinity_norm { threshold: 0.1 } } }";
    Anomalies same = Validation.of(Data.categorical(n, new double[] {0.5, 0.5}, 1)).against(SchemaText.parse(schema))
        .withServing(Data.categorical(n, new double[] {0.5, 0.5}, 2)).run();
    assertTrue(same.isEmpty(), same::describe);
    Anomalies skewed = Validation.of(Data.categorical(n, new double[] {0.5, 0.5}, 1))
        .against(SchemaText.parse(schema)).withServing(Data.categorical(n, new double[] {0.8, 0.2}, 2)).run();
    assertTrue(skewed.anomalyInfo().get("c").has(AnomalyType.COMPARATOR_L_INFTY_HIGH), skewed::describe);
    Measurement lInf = skewed.driftSkewInfo().get(0).skewMeasurements().stream()
        .filter(m -> m.type().equals("L_INFTY")).findFirst().orElseThrow();
    assertTrue(lInf.flagged());
    assertEquals(0.1, lInf.threshold());
    assertEquals(0.3, lInf.value(), 0.06);
  }
}
