package io.beamline.validator;

import static io.beamline.validator.Data.row;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.beamline.core.anomalies.Anomalies;
import io.beamline.core.anomalies.AnomalyType;
import io.beamline.core.anomalies.Reason;
import io.beamline.core.anomalies.Severity;
import io.beamline.core.schema.SchemaText;
import io.beamline.core.statistics.DatasetFeatureStatistics;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.IntFunction;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** One test per anomaly type: a data set built to trigger it, and one that must not. */
class SchemaChecksTest {
  private static Set<AnomalyType> types(String schema, int n, IntFunction<Map<String, Object>> rows) {
    return types(schema, Data.rows(n, rows), null);
  }

  private static Set<AnomalyType> types(String schema, DatasetFeatureStatistics stats, DatasetFeatureStatistics base) {
    Validation v = Validation.of(stats).against(SchemaText.parse(schema));
    Anomalies a = base == null ? v.run() : v.withBaseline(base).run();
    return a.all().stream().flatMap(i -> i.reason().stream()).map(r -> r.type()).collect(Collectors.toSet());
  }

  @Test
  void newAndMissingColumns() {
    String schema = "feature { name: \"a\" type: INT presence { min_count: 1 } }";
    assertEquals(Set.of(AnomalyType.SCHEMA_NEW_COLUMN, AnomalyType.SCHEMA_MISSING_COLUMN),
        types(schema, 3, i -> row("b", 1L)));
    assertEquals(Set.of(), types(schema, 3, i -> row("a", 1L)));
    // Not required (no presence), and deprecated features, are not missing columns.
    assertEquals(Set.of(AnomalyType.SCHEMA_NEW_COLUMN),
        types("feature { name: \"a\" type: INT lifecycle_stage: DEPRECATED presence { min_count: 1 } }", 3,
            i -> row("b", 1L)));
  }

  @Test
  void presence() {
    String schema = "feature { name: \"a\" type: INT presence { min_fraction: 0.8 min_count: 5 } }"
        + " feature { name: \"b\" type: INT }";
    assertEquals(Set.of(AnomalyType.FEATURE_TYPE_LOW_FRACTION_PRESENT, AnomalyType.FEATURE_TYPE_LOW_NUMBER_PRESENT),
        types(schema, 6, i -> i < 4 ? row("a", 1L, "b", 1L) : row("b", 1L)));
    assertEquals(Set.of(), types(schema, 6, i -> i < 5 ? row("a", 1L, "b", 1L) : row("b", 1L)));
  }

  @Test
  void notPresentAtAll() {
    String schema = "feature { name: \"a\" type: INT presence { min_count: 1 } }";
    // A column the reader typed but no example filled: listed with zero non-missing examples.
    var empty = new io.beamline.core.statistics.FeatureNameStatistics("a", io.beamline.core.statistics.StatisticsType.INT,
        new io.beamline.core.statistics.CommonStatistics(0, 3, 0, 0, 0, 0,
            new io.beamline.core.statistics.Histogram(io.beamline.core.statistics.Histogram.Type.QUANTILES, 0, List.of())),
        null, null);
    DatasetFeatureStatistics none = new DatasetFeatureStatistics("All Examples", 3, null, List.of(empty));
    assertEquals(Set.of(AnomalyType.FEATURE_TYPE_NOT_PRESENT), types(schema, none, null));
    assertEquals(Set.of(), types(schema, 3, i -> row("a", 1L)));
  }

  @Test
  void numberOfValues() {
    String schema = "feature { name: \"a\" type: INT value_count { min: 2 max: 3 } }";
    assertEquals(Set.of(AnomalyType.FEATURE_TYPE_LOW_NUMBER_VALUES, AnomalyType.FEATURE_TYPE_HIGH_NUMBER_VALUES),
        types(schema, 2, i -> row("a", i == 0 ? List.of(1L) : List.of(1L, 2L, 3L, 4L))));
    assertEquals(Set.of(), types(schema, 2, i -> row("a", i == 0 ? List.of(1L, 2L) : List.of(1L, 2L, 3L))));
    assertEquals(Set.of(AnomalyType.FEATURE_TYPE_HIGH_NUMBER_VALUES),
        types("feature { name: \"a\" type: INT shape { dim { size: 1 } } }", 2, i -> row("a", List.of(1L, 2L))));
  }

  @Test
  void typeMismatch() {
    String schema = "feature { name: \"a\" type: FLOAT }";
    assertEquals(Set.of(AnomalyType.UNEXPECTED_DATA_TYPE), types(schema, 2, i -> row("a", "text")));
    assertEquals(Set.of(), types(schema, 2, i -> row("a", 1.5)));
  }

  @Test
  void unexpectedStringValuesHonourMinDomainMass() {
    String strict = "feature { name: \"p\" type: BYTES domain: \"p\" } string_domain { name: \"p\" value: \"Cash\" }";
    IntFunction<Map<String, Object>> rows = i -> row("p", i < 95 ? "Cash" : "Bitcoin");
    Anomalies a = Validation.of(Data.rows(100, rows)).against(SchemaText.parse(strict)).run();
    assertTrue(a.anomalyInfo().get("p").has(AnomalyType.ENUM_TYPE_UNEXPECTED_STRING_VALUES));
    assertEquals("Examples contain values missing from the schema: 'Bitcoin' (5). These make 5% of the values;"
        + " the schema allows 0%.", a.anomalyInfo().get("p").description());
    String tolerant = "feature { name: \"p\" type: BYTES domain: \"p\" distribution_constraints { min_domain_mass: 0.9 } }"
        + " string_domain { name: \"p\" value: \"Cash\" }";
    assertEquals(Set.of(), types(tolerant, 100, rows));
    assertEquals(Set.of(), types(strict, 100, i -> row("p", "Cash")));
  }

  @Test
  void intDomainBoundsAndOutOfDomainCategoricalIds() {
    String schema = "feature { name: \"h\" type: INT int_domain { min: 0 max: 23 } }";
    assertEquals(Set.of(AnomalyType.INT_TYPE_SMALL_INT, AnomalyType.INT_TYPE_BIG_INT),
        types(schema, 3, i -> row("h", i == 0 ? -1L : i == 1 ? 24L : 5L)));
    assertEquals(Set.of(), types(schema, 3, i -> row("h", (long) i)));
  }

  @Test
  void floatDomainBoundsNanAndInfinity() {
    String schema = "feature { name: \"f\" type: FLOAT float_domain { min: 0.0 max: 1.0 } }";
    assertEquals(Set.of(AnomalyType.FLOAT_TYPE_SMALL_FLOAT, AnomalyType.FLOAT_TYPE_BIG_FLOAT),
        types(schema, 3, i -> row("f", i - 0.5)));
    assertEquals(Set.of(AnomalyType.FLOAT_TYPE_HAS_NAN, AnomalyType.FLOAT_TYPE_HAS_INF),
        types(schema, 3, i -> row("f", i == 0 ? Double.NaN : i == 1 ? Double.POSITIVE_INFINITY : 0.5)));
    String allowing = "feature { name: \"f\" type: FLOAT float_domain { disallow_nan: false disallow_inf: false } }";
    assertEquals(Set.of(), types(allowing, 3, i -> row("f", i == 0 ? Double.NaN : i == 1 ? Double.POSITIVE_INFINITY : 0.5)));
  }

  @Test
  void nanAndInfinityFromACsvFileAreFlaggedWhereTheSchemaDisallowsThem() throws Exception {
    // before: the CSV reader made 'fare' BYTES (STRING statistics), so no float check ever saw the NaN
    java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("nan");
    java.nio.file.Path csv = java.nio.file.Files.writeString(dir.resolve("fares.csv"),
        "fare\n1.5\nNaN\n-nan\n2\n-Inf\n");
    io.beamline.statsgen.CsvStatistics.run(
        io.beamline.statsgen.CsvStatisticsParameters.forInput(csv.toString()), dir.resolve("stats").toString());
    DatasetFeatureStatistics stats = io.beamline.core.statistics.StatisticsJson.readSplit(
        dir.resolve("stats").toString(), io.beamline.statsgen.CsvStatistics.SPLIT).whole();

    String disallowing = "feature { name: \"fare\" type: FLOAT float_domain { disallow_nan: true } }";
    Anomalies a = Validation.of(stats).against(SchemaText.parse(disallowing)).run();
    List<Reason> reasons = a.all().stream().flatMap(i -> i.reason().stream()).toList();
    Reason nan = reasons.stream().filter(r -> r.type() == AnomalyType.FLOAT_TYPE_HAS_NAN).findFirst().orElseThrow();
    assertEquals(Severity.ERROR, nan.severity());
    assertEquals("Feature 'fare': 2 values are NaN; allow them with float_domain { disallow_nan: false }.",
        nan.description());
    // disallow_inf is not set: as for any FLOAT feature here, infinities are flagged unless allowed
    assertEquals(Set.of(AnomalyType.FLOAT_TYPE_HAS_NAN, AnomalyType.FLOAT_TYPE_HAS_INF), types(disallowing, stats, null));

    String allowing = "feature { name: \"fare\" type: FLOAT float_domain { disallow_nan: false disallow_inf: false } }";
    assertEquals(Set.of(), types(allowing, stats, null));
    assertEquals(Set.of(AnomalyType.FLOAT_TYPE_HAS_INF),
        types("feature { name: \"fare\" type: FLOAT float_domain { disallow_nan: false } }", stats, null));
  }

  @Test
  void datasetExampleCounts() {
    String schema = "feature { name: \"a\" type: INT } dataset_constraints { min_examples_count: 5 max_examples_count: 8 }";
    assertEquals(Set.of(AnomalyType.DATASET_LOW_NUM_EXAMPLES), types(schema, 4, i -> row("a", 1L)));
    assertEquals(Set.of(AnomalyType.DATASET_HIGH_NUM_EXAMPLES), types(schema, 9, i -> row("a", 1L)));
    assertEquals(Set.of(), types(schema, 6, i -> row("a", 1L)));
  }

  @Test
  void numExamplesDriftComparator() {
    String schema = "feature { name: \"a\" type: INT } dataset_constraints { num_examples_drift_comparator {"
        + " min_fraction_threshold: 0.8 max_fraction_threshold: 1.2 } }";
    DatasetFeatureStatistics ten = Data.rows(10, i -> row("a", 1L));
    assertEquals(Set.of(AnomalyType.COMPARATOR_LOW_NUM_EXAMPLES), types(schema, Data.rows(7, i -> row("a", 1L)), ten));
    assertEquals(Set.of(AnomalyType.COMPARATOR_HIGH_NUM_EXAMPLES), types(schema, Data.rows(13, i -> row("a", 1L)), ten));
    assertEquals(Set.of(), types(schema, Data.rows(11, i -> row("a", 1L)), ten));
  }

  @Test
  void environmentsExcludeTheLabelAtServing() {
    String schema = "default_environment: \"TRAINING\" default_environment: \"SERVING\""
        + " feature { name: \"label\" type: INT presence { min_count: 1 } not_in_environment: \"SERVING\" }"
        + " feature { name: \"x\" type: INT }";
    DatasetFeatureStatistics serving = Data.rows(3, i -> row("x", 1L));
    Anomalies atServing = Validation.of(serving).against(SchemaText.parse(schema))
        .withParameters(ExampleValidatorParameters.defaults().withEnvironment("SERVING")).run();
    assertTrue(atServing.isEmpty(), atServing::describe);
    Anomalies atTraining = Validation.of(serving).against(SchemaText.parse(schema))
        .withParameters(ExampleValidatorParameters.defaults().withEnvironment("TRAINING")).run();
    assertTrue(atTraining.anomalyInfo().get("label").has(AnomalyType.SCHEMA_MISSING_COLUMN));
  }

  @Test
  void assertConformsFailsWithAReadableList() {
    String schema = "feature { name: \"a\" type: INT int_domain { max: 3 } }";
    DataAssertions.assertConforms(Data.rows(3, i -> row("a", 1L)), SchemaText.parse(schema));
    AssertionError e = assertThrows(AssertionError.class,
        () -> DataAssertions.assertConforms(Data.rows(3, i -> row("a", 9L, "b", "x")), SchemaText.parse(schema)));
    assertEquals("The data does not conform to the schema (2 anomalies):\n"
        + "a: INT_TYPE_BIG_INT (ERROR) Unexpectedly large value: 9 above the domain maximum 3.\n"
        + "b: SCHEMA_NEW_COLUMN (ERROR) New column (column in data but not in schema): b of type STRING.\n",
        e.getMessage());
  }
}
