package io.beamline.statsgen;

import io.beamline.core.statistics.FeatureSketches;
import io.beamline.core.statistics.RankHistogram;
import io.beamline.core.statistics.StringStatistics;
import io.beamline.core.statistics.StringStatistics.FreqAndValue;
import io.beamline.core.statistics.WeightedStringStatistics;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.apache.datasketches.common.ArrayOfStringsSerDe;
import org.apache.datasketches.cpc.CpcSketch;
import org.apache.datasketches.cpc.CpcUnion;
import org.apache.datasketches.frequencies.ErrorType;
import org.apache.datasketches.frequencies.ItemsSketch;
import org.apache.datasketches.memory.Memory;

/**
 * Mergeable state of a string feature's values: exact counts per distinct value up to a
 * cardinality bound, then (for the rest of the data and every later merge) a frequent-items sketch
 * for the top values and a CPC sketch for the number of distinct values, and the statistics say
 * they are approximate. Memory is bounded by the cardinality bound. Values that are not valid
 * UTF-8 are counted and grouped under {@value #INVALID_UTF8_LABEL}, as TFDV does.
 *
 * <p>With a weight feature, each distinct value also has its total weight: a double per value
 * while exact (sums of weights that are integers or short binary fractions are exact whatever the
 * order; others may differ in the last bits between bundlings), then a second frequent-items sketch
 * fed with {@link Weights#units}.
 */
final class StringAccumulator {
  static final String INVALID_UTF8_LABEL = "__BYTES_VALUE__";
  /** Frequent-items map size: values with frequency above about 3.5/16384 of the total are found. */
  private static final int FREQUENT_ITEMS_MAP_SIZE = 1 << 14;
  /** CPC accuracy: lgK 12 gives a relative standard error of about 1%. */
  private static final int CPC_LG_K = 12;
  private static final ArrayOfStringsSerDe SERDE = new ArrayOfStringsSerDe();

  private final long cardinalityBound;
  private long values;
  private long totalBytes;
  private long invalidUtf8;
  private Map<String, Long> exact = new HashMap<>();
  private ItemsSketch<String> frequent;
  private CpcSketch distinct;
  private CharsetDecoder decoder;
  /** Total weight per value while exact; null when unweighted or in sketch mode. */
  private Map<String, double[]> weightedExact;
  /** Weighted frequent items (in weight units) in sketch mode; null otherwise. */
  private ItemsSketch<String> weightedFrequent;
  private final boolean weighted;

  StringAccumulator(long cardinalityBound) {
    this(cardinalityBound, false);
  }

  StringAccumulator(long cardinalityBound, boolean weighted) {
    this.cardinalityBound = cardinalityBound;
    this.weighted = weighted;
    this.weightedExact = weighted ? new HashMap<>() : null;
  }

  void add(byte[] bytes) {
    add(bytes, 1);
  }

  /** A value of an example with weight {@code weight} (ignored when unweighted). */
  void add(byte[] bytes, double weight) {
    values++;
    totalBytes += bytes.length;
    String key = decode(bytes);
    if (key == null) {
      invalidUtf8++;
      key = INVALID_UTF8_LABEL;
    }
    addKey(key, 1, weight);
  }

  /** A value given as text (a categorical INT's decimal form). */
  void add(String value) {
    add(value, 1);
  }

  void add(String value, double weight) {
    values++;
    totalBytes += utf8Length(value);
    addKey(value, 1, weight);
  }

  /** A value known to be ASCII (one UTF-8 byte per char), e.g. a CSV cell checked as it was cut. */
  void addAscii(String value, double weight) {
    values++;
    totalBytes += value.length();
    addKey(value, 1, weight);
  }

  private void addKey(String key, long count, double weight) {
    if (exact != null) {
      exact.merge(key, count, Long::sum);
      if (weighted) {
        weightedExact.computeIfAbsent(key, k -> new double[1])[0] += weight;
      }
      if (exact.size() > cardinalityBound) {
        switchToSketches();
      }
    } else {
      frequent.update(key, count);
      distinct.update(key);
      if (weighted && weight > 0) {
        weightedFrequent.update(key, Weights.units(weight));
      }
    }
  }

  private void switchToSketches() {
    frequent = new ItemsSketch<>(FREQUENT_ITEMS_MAP_SIZE);
    distinct = new CpcSketch(CPC_LG_K);
    exact.forEach((k, c) -> {
      frequent.update(k, c);
      distinct.update(k);
    });
    exact = null;
    if (weighted) {
      weightedFrequent = new ItemsSketch<>(FREQUENT_ITEMS_MAP_SIZE);
      weightedExact.forEach((k, w) -> {
        if (w[0] > 0) {
          weightedFrequent.update(k, Weights.units(w[0]));
        }
      });
      weightedExact = null;
    }
  }

  void merge(StringAccumulator other) {
    values += other.values;
    totalBytes += other.totalBytes;
    invalidUtf8 += other.invalidUtf8;
    if (other.exact != null) {
      other.exact.forEach((k, c) -> addKey(k, c, weighted ? other.weightedExact.get(k)[0] : 0));
      return;
    }
    if (exact != null) {
      switchToSketches();
    }
    frequent.merge(other.frequent);
    if (weighted) {
      weightedFrequent.merge(other.weightedFrequent);
    }
    CpcUnion union = new CpcUnion(CPC_LG_K);
    union.update(distinct);
    union.update(other.distinct);
    distinct = union.getResult();
  }

  StringStatistics toStatistics(int topK, int rankBuckets) {
    List<FreqAndValue> ranked = new ArrayList<>();
    long unique;
    if (exact != null) {
      unique = exact.size();
      exact.forEach((k, c) -> ranked.add(new FreqAndValue(k, c)));
    } else {
      unique = Math.round(distinct.getEstimate());
      for (ItemsSketch.Row<String> row : frequent.getFrequentItems(ErrorType.NO_FALSE_POSITIVES)) {
        ranked.add(new FreqAndValue(row.getItem(), row.getEstimate()));
      }
    }
    sortByFrequency(ranked);
    double avgLength = values == 0 ? 0 : (double) totalBytes / values;
    return new StringStatistics(unique, ranked.subList(0, Math.min(topK, ranked.size())), avgLength,
        rankHistogram(ranked, rankBuckets), invalidUtf8, exact == null,
        weighted ? weightedStatistics(topK, rankBuckets) : null);
  }

  private WeightedStringStatistics weightedStatistics(int topK, int rankBuckets) {
    List<FreqAndValue> ranked = new ArrayList<>();
    if (weightedExact != null) {
      weightedExact.forEach((k, w) -> ranked.add(new FreqAndValue(k, w[0])));
    } else {
      for (ItemsSketch.Row<String> row : weightedFrequent.getFrequentItems(ErrorType.NO_FALSE_POSITIVES)) {
        ranked.add(new FreqAndValue(row.getItem(), (double) row.getEstimate() / Weights.UNITS));
      }
    }
    sortByFrequency(ranked);
    return new WeightedStringStatistics(ranked.subList(0, Math.min(topK, ranked.size())),
        rankHistogram(ranked, rankBuckets));
  }

  /**
   * The values' counts as kept beside the statistics: exact while there are at most
   * {@link FeatureSketches.FeatureSketch#MAX_EXACT_STRINGS} distinct values, else a frequent-items
   * sketch (the accumulator's own, or one made from its exact counts).
   */
  FeatureSketches.FeatureSketch toSketch(String name) {
    if (exact != null && exact.size() <= FeatureSketches.FeatureSketch.MAX_EXACT_STRINGS) {
      return new FeatureSketches.FeatureSketch(name, values, null, null, exact, null);
    }
    ItemsSketch<String> items = frequent;
    if (exact != null) {
      items = new ItemsSketch<>(FREQUENT_ITEMS_MAP_SIZE);
      for (Map.Entry<String, Long> e : exact.entrySet()) {
        items.update(e.getKey(), e.getValue());
      }
    }
    return new FeatureSketches.FeatureSketch(name, values, null, null, null,
        java.util.Base64.getEncoder().encodeToString(items.toByteArray(SERDE)));
  }

  /** Most frequent first; ties by value so the output does not depend on hash order. */
  private static void sortByFrequency(List<FreqAndValue> ranked) {
    ranked.sort(Comparator.comparingDouble(FreqAndValue::frequency).reversed()
        .thenComparing(FreqAndValue::value));
  }

  private static RankHistogram rankHistogram(List<FreqAndValue> ranked, int rankBuckets) {
    List<RankHistogram.Bucket> rank = new ArrayList<>();
    for (int i = 0; i < Math.min(rankBuckets, ranked.size()); i++) {
      rank.add(new RankHistogram.Bucket(i, i, ranked.get(i).value(), ranked.get(i).frequency()));
    }
    return new RankHistogram(rank);
  }

  /** Strict UTF-8 decoding; null when the bytes are not valid UTF-8. */
  private String decode(byte[] bytes) {
    boolean ascii = true;
    for (byte b : bytes) {
      if (b < 0) {
        ascii = false;
        break;
      }
    }
    if (ascii) {
      return new String(bytes, StandardCharsets.US_ASCII);
    }
    if (decoder == null) {
      decoder = StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT);
    }
    try {
      return decoder.decode(ByteBuffer.wrap(bytes)).toString();
    } catch (CharacterCodingException e) {
      return null;
    }
  }

  private static long utf8Length(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) >= 0x80) {
        return s.getBytes(StandardCharsets.UTF_8).length;
      }
    }
    return s.length();
  }

  void encode(DataOutputStream out) throws IOException {
    out.writeBoolean(weighted);
    out.writeLong(values);
    out.writeLong(totalBytes);
    out.writeLong(invalidUtf8);
    out.writeBoolean(exact != null);
    if (exact != null) {
      // Sorted so that equal accumulators encode to equal bytes (the coder is deterministic).
      Map<String, Long> sorted = new TreeMap<>(exact);
      out.writeInt(sorted.size());
      for (Map.Entry<String, Long> e : sorted.entrySet()) {
        Codecs.writeString(out, e.getKey());
        out.writeLong(e.getValue());
        if (weighted) {
          out.writeDouble(weightedExact.get(e.getKey())[0]);
        }
      }
    } else {
      Codecs.writeBytes(out, frequent.toByteArray(SERDE));
      Codecs.writeBytes(out, distinct.toByteArray());
      if (weighted) {
        Codecs.writeBytes(out, weightedFrequent.toByteArray(SERDE));
      }
    }
  }

  static StringAccumulator decode(DataInputStream in, long cardinalityBound) throws IOException {
    StringAccumulator a = new StringAccumulator(cardinalityBound, in.readBoolean());
    a.values = in.readLong();
    a.totalBytes = in.readLong();
    a.invalidUtf8 = in.readLong();
    if (in.readBoolean()) {
      int n = in.readInt();
      for (int i = 0; i < n; i++) {
        String key = Codecs.readString(in);
        a.exact.put(key, in.readLong());
        if (a.weighted) {
          a.weightedExact.put(key, new double[] {in.readDouble()});
        }
      }
    } else {
      a.exact = null;
      a.weightedExact = null;
      a.frequent = ItemsSketch.getInstance(Memory.wrap(Codecs.readBytes(in)), SERDE);
      a.distinct = CpcSketch.heapify(Codecs.readBytes(in));
      if (a.weighted) {
        a.weightedFrequent = ItemsSketch.getInstance(Memory.wrap(Codecs.readBytes(in)), SERDE);
      }
    }
    return a;
  }

  /** Equal exact state; in sketch mode, equal estimates. */
  @Override
  public boolean equals(Object o) {
    if (!(o instanceof StringAccumulator a) || values != a.values || totalBytes != a.totalBytes
        || invalidUtf8 != a.invalidUtf8 || (exact == null) != (a.exact == null)) {
      return false;
    }
    if (weighted != a.weighted || (weightedExact != null && !sameWeights(weightedExact, a.weightedExact))) {
      return false;
    }
    return exact != null ? exact.equals(a.exact)
        : distinct.getEstimate() == a.distinct.getEstimate()
            && frequent.getStreamLength() == a.frequent.getStreamLength();
  }

  private static boolean sameWeights(Map<String, double[]> a, Map<String, double[]> b) {
    if (a.size() != b.size()) {
      return false;
    }
    for (Map.Entry<String, double[]> e : a.entrySet()) {
      double[] other = b.get(e.getKey());
      if (other == null || Double.compare(e.getValue()[0], other[0]) != 0) {
        return false;
      }
    }
    return true;
  }

  @Override
  public int hashCode() {
    return Objects.hash(values, totalBytes, invalidUtf8, exact);
  }

  @Override
  public String toString() {
    return "Strings{values=" + values + ", bytes=" + totalBytes + ", invalidUtf8=" + invalidUtf8
        + (exact != null ? ", distinct=" + exact.size() : ", approximate distinct=" + distinct.getEstimate()) + "}";
  }
}
