package io.beamline.validator;

import io.beamline.core.anomalies.Anomalies;
import io.beamline.core.schema.Schema;
import io.beamline.core.statistics.DatasetFeatureStatistics;

/**
 * Assertions for tests of data pipelines: fail with a readable list of anomalies.
 *
 * <pre>{@code
 * DataAssertions.assertConforms(FeatureStatistics.compute(batches), SchemaText.read("schema.pbtxt"));
 * }</pre>
 */
public final class DataAssertions {
  private DataAssertions() {}

  /**
   * Passes when the statistics have no anomaly against the schema.
   *
   * @throws AssertionError listing every anomaly, one line per reason
   */
  public static void assertConforms(DatasetFeatureStatistics stats, Schema schema) {
    assertConforms(Validation.of(stats).against(schema).run());
  }

  /** Passes when the anomalies are empty; else fails listing them. */
  public static void assertConforms(Anomalies anomalies) {
    if (!anomalies.isEmpty()) {
      long count = anomalies.all().stream().mapToLong(a -> a.reason().size()).sum();
      throw new AssertionError("The data does not conform to the schema (" + count + " anomal"
          + (count == 1 ? "y" : "ies") + "):\n" + anomalies.describe());
    }
  }
}
