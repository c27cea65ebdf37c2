package io.beamline.validator;

import static io.beamline.validator.Data.row;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.beamline.core.anomalies.AnomalyType;
import io.beamline.core.schema.SchemaText;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tensorflow.proto.Example;
import org.tensorflow.proto.Feature;
import org.tensorflow.proto.Features;

/** The per-example rules, one by one, each with an example that trips it and one that must not. */
class RowChecksTest {
  static final RowChecks CHECKS = new RowChecks(SchemaText.parse("""
      feature { name: "flag" type: INT bool_domain { } }
      feature { name: "n" type: INT value_count { min: 2 max: 3 } }
      feature { name: "x" type: FLOAT float_domain { min: 0 max: 1 disallow_inf: false } }
      feature { name: "y" type: FLOAT }
      feature { name: "old" type: BYTES lifecycle_stage: DEPRECATED presence { min_fraction: 1.0 } }
      feature { name: "color" type: BYTES string_domain { value: "red" value: "blue" } }
      """), "");

  static List<AnomalyType> types(Map<String, Object> values) {
    return CHECKS.check(Data.example(values), "s", "f", 0).stream().map(RowAnomaly::anomalyType).toList();
  }

  @Test
  void cleanExampleHasNoAnomalies() {
    assertEquals(List.of(), types(row("flag", 1L, "n", List.of(1L, 2L), "x", 0.5, "y", 3.0, "color", "red")));
  }

  @Test
  void eachRule() {
    assertEquals(List.of(AnomalyType.BOOL_TYPE_BIG_INT), types(row("flag", 2L)));
    assertEquals(List.of(AnomalyType.BOOL_TYPE_SMALL_INT), types(row("flag", -1L)));
    assertEquals(List.of(AnomalyType.FEATURE_TYPE_LOW_NUMBER_VALUES), types(row("n", 1L)));
    assertEquals(List.of(AnomalyType.FEATURE_TYPE_HIGH_NUMBER_VALUES), types(row("n", List.of(1L, 2L, 3L, 4L))));
    assertEquals(List.of(AnomalyType.FLOAT_TYPE_SMALL_FLOAT), types(row("x", -0.5)));
    assertEquals(List.of(AnomalyType.FLOAT_TYPE_BIG_FLOAT), types(row("x", 1.5)));
    assertEquals(List.of(AnomalyType.FLOAT_TYPE_HAS_NAN), types(row("x", Double.NaN)), "NaN not allowed by default");
    assertEquals(List.of(AnomalyType.FLOAT_TYPE_BIG_FLOAT), types(row("x", Double.POSITIVE_INFINITY)),
        "inf allowed, but still above max");
    assertEquals(List.of(AnomalyType.FLOAT_TYPE_HAS_INF), types(row("y", Double.NEGATIVE_INFINITY)));
    assertEquals(List.of(AnomalyType.UNEXPECTED_DATA_TYPE), types(row("y", "3.0")));
    assertEquals(List.of(AnomalyType.ENUM_TYPE_UNEXPECTED_STRING_VALUES), types(row("color", List.of("red", "green"))));
    assertEquals(List.of(), types(row()), "DEPRECATED features are not held to presence");
  }

  @Test
  void oneAnomalyPerFeatureAndTypeListingEveryOffendingValue() {
    List<RowAnomaly> found = CHECKS.check(Data.example(row("color", List.of("green", "red", "pink", "green"))),
        "train", "file-0", 7);
    assertEquals(1, found.size());
    RowAnomaly a = found.get(0);
    assertEquals("file-0", a.file());
    assertEquals(7, a.record());
    assertEquals(List.of("green", "red", "pink", "green"), a.values());
    assertEquals("Values ['green', 'pink'] are not in the feature's string_domain (2 values).", a.detail());
  }

  @Test
  void featureWithNoKindIsPresentWithZeroValues() {
    Example e = Example.newBuilder().setFeatures(Features.newBuilder()
        .putFeature("n", Feature.getDefaultInstance())).build();
    List<RowAnomaly> found = CHECKS.check(e, "s", "f", 0);
    assertEquals(List.of(AnomalyType.FEATURE_TYPE_LOW_NUMBER_VALUES), found.stream().map(RowAnomaly::anomalyType)
        .toList());
    assertEquals(List.of(), found.get(0).values());
  }
}
