package io.beamline.monitor;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One joined pair that disagrees, kept as a sample for a reader: the identifier, which features
 * disagree and how, and both examples' values as text.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record SkewPair(String id, List<String> mismatchedFeatures, List<String> trainingOnlyFeatures,
    List<String> servingOnlyFeatures, Map<String, List<String>> training, Map<String, List<String>> serving) {
  public SkewPair {
    mismatchedFeatures = List.copyOf(mismatchedFeatures);
    trainingOnlyFeatures = List.copyOf(trainingOnlyFeatures);
    servingOnlyFeatures = List.copyOf(servingOnlyFeatures);
    training = new TreeMap<>(training);
    serving = new TreeMap<>(serving);
  }

  /** A pair as its JSON line: few cross the shuffle (a sample of skewed pairs), and a reader can follow them. */
  static final class Coder extends org.apache.beam.sdk.coders.CustomCoder<SkewPair> {
    static final Coder INSTANCE = new Coder();
    private static final org.apache.beam.sdk.coders.StringUtf8Coder TEXT = org.apache.beam.sdk.coders.StringUtf8Coder.of();

    @Override
    public void encode(SkewPair pair, java.io.OutputStream out) throws java.io.IOException {
      TEXT.encode(io.beamline.core.Json.write(pair), out);
    }

    @Override
    public SkewPair decode(java.io.InputStream in) throws java.io.IOException {
      return io.beamline.core.Json.read(TEXT.decode(in), SkewPair.class);
    }
  }
}
