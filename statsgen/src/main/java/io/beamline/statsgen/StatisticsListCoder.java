package io.beamline.statsgen;

import io.beamline.core.statistics.DatasetFeatureStatisticsList;
import io.beamline.core.statistics.StatisticsJson;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import org.apache.beam.sdk.coders.ByteArrayCoder;
import org.apache.beam.sdk.coders.CustomCoder;

/** Coder of a split's statistics with its slices, in their sorted-key JSON form (see {@link StatisticsCoder}). */
final class StatisticsListCoder extends CustomCoder<DatasetFeatureStatisticsList> {
  private static final ByteArrayCoder BYTES = ByteArrayCoder.of();

  @Override
  public void encode(DatasetFeatureStatisticsList value, OutputStream outStream) throws IOException {
    BYTES.encode(StatisticsJson.toJson(value).getBytes(StandardCharsets.UTF_8), outStream);
  }

  @Override
  public DatasetFeatureStatisticsList decode(InputStream inStream) throws IOException {
    return StatisticsJson.fromJson(new String(BYTES.decode(inStream), StandardCharsets.UTF_8),
        "a Beam-encoded statistics value");
  }

  @Override
  public void verifyDeterministic() {
    // Sorted-key JSON of an immutable value.
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof StatisticsListCoder;
  }

  @Override
  public int hashCode() {
    return StatisticsListCoder.class.hashCode();
  }
}
