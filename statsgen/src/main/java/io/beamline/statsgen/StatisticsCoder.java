package io.beamline.statsgen;

import io.beamline.core.statistics.DatasetFeatureStatistics;
import io.beamline.core.statistics.DatasetFeatureStatisticsList;
import io.beamline.core.statistics.StatisticsJson;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import org.apache.beam.sdk.coders.ByteArrayCoder;
import org.apache.beam.sdk.coders.CustomCoder;

/**
 * Coder of computed statistics in their JSON form: one value per split, so compactness does not
 * matter and the JSON (sorted keys) is deterministic.
 */
final class StatisticsCoder extends CustomCoder<DatasetFeatureStatistics> {
  private static final ByteArrayCoder BYTES = ByteArrayCoder.of();

  @Override
  public void encode(DatasetFeatureStatistics value, OutputStream outStream) throws IOException {
    String json = StatisticsJson.toJson(DatasetFeatureStatisticsList.of(value));
    BYTES.encode(json.getBytes(StandardCharsets.UTF_8), outStream);
  }

  @Override
  public DatasetFeatureStatistics decode(InputStream inStream) throws IOException {
    String json = new String(BYTES.decode(inStream), StandardCharsets.UTF_8);
    return StatisticsJson.fromJson(json, "a Beam-encoded statistics value").whole();
  }

  @Override
  public void verifyDeterministic() {
    // Sorted-key JSON of an immutable value.
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof StatisticsCoder;
  }

  @Override
  public int hashCode() {
    return StatisticsCoder.class.hashCode();
  }
}
