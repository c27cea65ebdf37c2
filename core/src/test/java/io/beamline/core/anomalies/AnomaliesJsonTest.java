package io.beamline.core.anomalies;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.beamline.core.InvalidInputException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AnomaliesJsonTest {
  @TempDir Path tmp;

  static Anomalies sample() {
    Reason unexpected = new Reason(AnomalyType.ENUM_TYPE_UNEXPECTED_STRING_VALUES, Severity.ERROR,
        "Unexpected string values", "Examples contain values missing from the schema: Bitcoin (3).");
    Reason drift = new Reason(AnomalyType.COMPARATOR_L_INFTY_HIGH, Severity.WARNING, "High L-infinity distance",
        "The L-infinity distance between current and previous is 0.3 (up to six significant digits), above"
            + " the threshold 0.1.");
    AnomalyInfo payment = AnomalyInfo.of("payment_type", List.of(unexpected, drift));
    AnomalyInfo dataset = AnomalyInfo.of("", List.of(new Reason(AnomalyType.DATASET_LOW_NUM_EXAMPLES,
        Severity.ERROR, "Low num examples in dataset", "The dataset has 3 examples; at least 10 are expected.")));
    DriftSkewInfo info = new DriftSkewInfo("payment_type",
        List.of(new Measurement("L_INFTY", 0.3, 0.1, true), new Measurement("JENSEN_SHANNON_DIVERGENCE", 0.02, null,
            false)), List.of());
    return new Anomalies(Map.of("payment_type", payment), dataset, List.of(info),
        new DriftSummary(1, List.of("payment_type"), List.of(), 1.0, 0.5, true));
  }

  @Test
  void roundTripsThroughASplitFile() {
    Anomalies anomalies = sample();
    AnomaliesJson.write(anomalies, AnomaliesJson.splitFile(tmp.toString(), "eval"));
    Anomalies back = AnomaliesJson.readSplit(tmp.toString(), "eval");
    assertEquals(anomalies, back);
    assertTrue(back.hasErrors());
    assertFalse(back.isEmpty());
    assertEquals("Multiple errors", back.anomalyInfo().get("payment_type").shortDescription());
    assertEquals(Severity.ERROR, back.anomalyInfo().get("payment_type").severity());
  }

  @Test
  void jsonUsesAnomaliesProtoNames() {
    String json = AnomaliesJson.toJson(sample());
    assertTrue(json.contains("\"anomaly_info\""), json);
    assertTrue(json.contains("\"dataset_anomaly_info\""), json);
    assertTrue(json.contains("\"short_description\" : \"Unexpected string values\""), json);
    assertTrue(json.contains("\"drift_measurements\""), json);
  }

  @Test
  void describeListsEveryReasonOnItsOwnLine() {
    String text = sample().describe();
    assertEquals(3, text.lines().count());
    assertTrue(text.startsWith("<dataset>: DATASET_LOW_NUM_EXAMPLES (ERROR) "), text);
    assertTrue(text.contains("payment_type: ENUM_TYPE_UNEXPECTED_STRING_VALUES (ERROR) "), text);
  }

  @Test
  void missingFileIsAClearError() {
    InvalidInputException e = assertThrows(InvalidInputException.class,
        () -> AnomaliesJson.readSplit(tmp.toString(), "train"));
    assertTrue(e.getMessage().contains("Split-train/anomalies.json does not exist"), e.getMessage());
  }
}
