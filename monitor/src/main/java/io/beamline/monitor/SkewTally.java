package io.beamline.monitor;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Mergeable counts of the feature skew join: per-pair outcomes summed per feature, and the join's
 * own counts. Small whatever the data size (one row per feature), so it is what crosses bundles.
 */
final class SkewTally implements java.io.Serializable {
  // Serializable only because Combine.globally keeps its empty default in the DoFn it serializes;
  // between steps tallies travel through {@link Coder}.
  private static final long serialVersionUID = 1L;
  static final int TRAINING_COUNT = 0;
  static final int SERVING_COUNT = 1;
  static final int MATCH = 2;
  static final int TRAINING_ONLY = 3;
  static final int SERVING_ONLY = 4;
  static final int MISMATCH = 5;

  private final TreeMap<String, long[]> features = new TreeMap<>();
  long pairs;
  long idsOnlyInTraining;
  long idsOnlyInServing;
  long duplicateIds;
  long skewedPairs;

  void count(String feature, int... outcomes) {
    long[] c = features.computeIfAbsent(feature, k -> new long[6]);
    for (int o : outcomes) {
      c[o]++;
    }
  }

  SkewTally merge(SkewTally other) {
    other.features.forEach((name, c) -> {
      long[] mine = features.computeIfAbsent(name, k -> new long[6]);
      for (int i = 0; i < c.length; i++) {
        mine[i] += c[i];
      }
    });
    pairs += other.pairs;
    idsOnlyInTraining += other.idsOnlyInTraining;
    idsOnlyInServing += other.idsOnlyInServing;
    duplicateIds += other.duplicateIds;
    skewedPairs += other.skewedPairs;
    return this;
  }

  boolean isEmpty() {
    return pairs == 0 && idsOnlyInTraining == 0 && idsOnlyInServing == 0 && duplicateIds == 0;
  }

  /** Compact bytes for the shuffle: Java serialization writes class descriptors with every tally. */
  static final class Coder extends org.apache.beam.sdk.coders.CustomCoder<SkewTally> {
    static final Coder INSTANCE = new Coder();
    private static final org.apache.beam.sdk.coders.VarLongCoder LONG = org.apache.beam.sdk.coders.VarLongCoder.of();
    private static final org.apache.beam.sdk.coders.StringUtf8Coder TEXT = org.apache.beam.sdk.coders.StringUtf8Coder.of();

    @Override
    public void encode(SkewTally t, java.io.OutputStream out) throws java.io.IOException {
      for (long v : new long[] {t.pairs, t.idsOnlyInTraining, t.idsOnlyInServing, t.duplicateIds, t.skewedPairs,
          t.features.size()}) {
        LONG.encode(v, out);
      }
      for (Map.Entry<String, long[]> e : t.features.entrySet()) {
        TEXT.encode(e.getKey(), out);
        for (long v : e.getValue()) {
          LONG.encode(v, out);
        }
      }
    }

    @Override
    public SkewTally decode(java.io.InputStream in) throws java.io.IOException {
      SkewTally t = new SkewTally();
      t.pairs = LONG.decode(in);
      t.idsOnlyInTraining = LONG.decode(in);
      t.idsOnlyInServing = LONG.decode(in);
      t.duplicateIds = LONG.decode(in);
      t.skewedPairs = LONG.decode(in);
      long n = LONG.decode(in);
      for (long i = 0; i < n; i++) {
        String name = TEXT.decode(in);
        long[] c = new long[6];
        for (int k = 0; k < c.length; k++) {
          c[k] = LONG.decode(in);
        }
        t.features.put(name, c);
      }
      return t;
    }

    @Override
    public void verifyDeterministic() {}
  }

  List<FeatureSkewCount> features() {
    List<FeatureSkewCount> out = new ArrayList<>();
    for (Map.Entry<String, long[]> e : features.entrySet()) {
      long[] c = e.getValue();
      out.add(new FeatureSkewCount(e.getKey(), c[TRAINING_COUNT], c[SERVING_COUNT], c[MATCH], c[TRAINING_ONLY],
          c[SERVING_ONLY], c[MISMATCH]));
    }
    return out;
  }
}
