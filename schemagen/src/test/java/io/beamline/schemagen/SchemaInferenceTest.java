package io.beamline.schemagen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.beamline.core.schema.Feature;
import io.beamline.core.schema.Schema;
import io.beamline.core.schema.SchemaText;
import io.beamline.core.schema.SchemaType;
import io.beamline.core.statistics.CommonStatistics;
import io.beamline.core.statistics.DatasetFeatureStatistics;
import io.beamline.core.statistics.FeatureNameStatistics;
import io.beamline.core.statistics.Histogram;
import io.beamline.core.statistics.NumericStatistics;
import io.beamline.core.statistics.StatisticsType;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SchemaInferenceTest {
  private static DatasetFeatureStatistics penguin;
  private static DatasetFeatureStatistics taxi;

  @BeforeAll
  static void computeStatistics() throws Exception {
    penguin = CsvStatistics.of(CsvStatistics.dataFile("penguin/labelled.csv"));
    taxi = CsvStatistics.of(CsvStatistics.dataFile("taxi/data.csv"));
  }

  @Test
  void inferredPenguinSchemaIsTheOneTfxShips() throws Exception {
    Schema shipped = SchemaText.read(CsvStatistics.dataFile("penguin/schema.pbtxt").toString());
    Schema inferred = SchemaInference.infer(penguin, SchemaGenParameters.defaults());
    assertEquals(shipped.features().stream().map(Feature::name).toList(),
        inferred.features().stream().map(Feature::name).toList());
    for (Feature expected : shipped.features()) {
      Feature actual = inferred.requireFeature(expected.name());
      assertEquals(expected.type(), actual.type(), expected.name());
      assertEquals(expected.presence(), actual.presence(), expected.name());
      assertEquals(expected.shapeDims(), actual.shapeDims(), expected.name());
    }
    // Nothing else differs either: the file is the one TFX wrote, byte for byte.
    assertEquals(Files.readString(CsvStatistics.dataFile("penguin/schema.pbtxt")), SchemaText.write(inferred));
  }

  @Test
  void taxiGetsADomainForPaymentTypeAndSometimesMissingFeaturesGetValueCounts() {
    Schema schema = SchemaInference.infer(taxi, SchemaGenParameters.defaults());
    Feature payment = schema.requireFeature("payment_type");
    assertEquals(SchemaType.BYTES, payment.type());
    assertEquals("payment_type", payment.domain());
    List<String> values = schema.stringDomainOf(payment).orElseThrow().values();
    assertTrue(values.containsAll(List.of("Cash", "Credit Card", "No Charge", "Unknown")), values.toString());
    assertEquals(values.stream().sorted().toList(), values);

    Feature company = schema.requireFeature("company");
    assertEquals(new Feature.Presence(null, 1L), company.presence());
    assertEquals(new Feature.ValueCount(1L, 1L), company.valueCount());
    assertNull(company.shapeDims());

    Feature fare = schema.requireFeature("fare");
    assertEquals(SchemaType.FLOAT, fare.type());
    assertEquals(List.of(1L), fare.shapeDims());
    assertEquals(new Feature.Presence(1.0, 1L), fare.presence());
    assertNull(fare.domain());
    assertEquals(SchemaType.INT, schema.requireFeature("trip_start_hour").type());
  }

  @Test
  void highCardinalityStringsGetNoDomain() {
    long companies = taxi.requireFeature("company").stringStats().unique();
    assertTrue(companies > 10, "taxi has " + companies + " companies");
    Schema schema = SchemaInference.infer(taxi, SchemaGenParameters.defaults().withMaxStringDomainSize(10));
    assertNull(schema.requireFeature("company").domain());
    assertTrue(schema.stringDomain("company").isEmpty());
    assertEquals("payment_type", schema.requireFeature("payment_type").domain());
  }

  @Test
  void withoutShapeInferenceEveryFeatureGetsAValueCount() {
    Schema schema = SchemaInference.infer(penguin, SchemaGenParameters.defaults().withInferFeatureShape(false));
    for (Feature f : schema.features()) {
      assertNull(f.shapeDims(), f.name());
      assertEquals(new Feature.ValueCount(1L, 1L), f.valueCount(), f.name());
    }
  }

  @Test
  void zeroOneIntsGetABoolDomainAndNamedCategoricalIntsAnIntDomain() {
    DatasetFeatureStatistics stats = new DatasetFeatureStatistics("All Examples", 10, null, List.of(
        intFeature("flag", 0, 1, 10, 1, 1), intFeature("store_id", 3, 40, 10, 1, 1),
        intFeature("tags", 0, 7, 8, 1, 3), intFeature("counts", 0, 9, 8, 2, 2)));
    Schema schema = SchemaInference.infer(stats,
        SchemaGenParameters.defaults().withCategoricalFeatures(List.of("store_id")));
    assertTrue(schema.requireFeature("flag").boolDomain());
    assertEquals(new Feature.IntDomain("", 3L, 40L, true), schema.requireFeature("store_id").intDomain());
    assertFalse(schema.requireFeature("store_id").boolDomain());
    Feature tags = schema.requireFeature("tags");
    assertNull(tags.intDomain());
    assertEquals(new Feature.ValueCount(1L, null), tags.valueCount());
    assertEquals(new Feature.Presence(null, 1L), tags.presence());
    assertEquals(new Feature.ValueCount(2L, 2L), schema.requireFeature("counts").valueCount());
    assertTrue(SchemaText.write(schema).contains("  bool_domain {\n  }\n"), SchemaText.write(schema));
  }

  static FeatureNameStatistics intFeature(String name, double min, double max, long present, long minValues,
      long maxValues) {
    CommonStatistics common = new CommonStatistics(present, 10 - present, minValues, maxValues,
        (minValues + maxValues) / 2.0, present * minValues, new Histogram(Histogram.Type.QUANTILES, 0, List.of()));
    NumericStatistics num = new NumericStatistics((min + max) / 2, 1.0, 0, min, min, max, 0, 0, 0, List.of());
    return new FeatureNameStatistics(name, StatisticsType.INT, common, num, null);
  }
}
