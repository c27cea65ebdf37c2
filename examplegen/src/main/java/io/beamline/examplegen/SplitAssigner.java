package io.beamline.examplegen;

import io.beamline.io.examples.ExampleProtos;

import io.beamline.io.examples.ExampleCoder;
import io.beamline.io.examples.SplitFiles;
import java.util.List;
import org.apache.beam.vendor.guava.v32_1_2_jre.com.google.common.hash.HashFunction;
import org.apache.beam.vendor.guava.v32_1_2_jre.com.google.common.hash.Hashing;
import org.tensorflow.proto.Example;
import org.tensorflow.proto.Feature;

/**
 * Sends each example to its split. Pre-split examples keep their split; the others are hashed with
 * FarmHash Fingerprint64 (a fingerprint: fixed across releases, machines and runs) over the
 * example's deterministic bytes, or over the partition feature's bytes so that all examples of one
 * entity share a split. The hash modulo the total bucket count picks the bucket; splits own
 * consecutive buckets in the order given. Examples without the partition feature hash as an empty
 * feature, so they too stay together.
 */
final class SplitAssigner implements SplitFiles.Router {
  private static final HashFunction FINGERPRINT = Hashing.farmHashFingerprint64();
  private final List<String> names;
  private final long[] upperBounds;
  private final String partitionFeature;

  /**
   * @param names all split names, in output order
   * @param buckets the bucket count of each split (empty for pre-split input)
   */
  SplitAssigner(List<String> names, List<Integer> buckets, String partitionFeature) {
    this.names = List.copyOf(names);
    this.upperBounds = new long[buckets.size()];
    long sum = 0;
    for (int i = 0; i < buckets.size(); i++) {
      sum += buckets.get(i);
      upperBounds[i] = sum;
    }
    this.partitionFeature = partitionFeature;
  }

  /** The index of the split of an example of a batch read with split {@code given} (empty: not pre-split). */
  @Override
  public int splitOf(String given, byte[] example) {
    if (!given.isEmpty()) {
      return names.indexOf(given);
    }
    long bucket = Long.remainderUnsigned(hash(example, partitionFeature),
        upperBounds[upperBounds.length - 1]);
    for (int i = 0; i < upperBounds.length; i++) {
      if (bucket < upperBounds[i]) {
        return i;
      }
    }
    throw new IllegalStateException("bucket " + bucket + " beyond " + upperBounds[upperBounds.length - 1]);
  }

  /**
   * The fingerprint of the serialized example (deterministic bytes, as {@link ExampleCoder#serialize}
   * makes them), or of its partition feature's serialized {@code Feature}.
   */
  static long hash(byte[] serialized, String partitionFeature) {
    if (partitionFeature.isEmpty()) {
      return FINGERPRINT.hashBytes(serialized).asLong();
    }
    Example example = ExampleCoder.parse(serialized, "An example to split");
    return FINGERPRINT.hashBytes(ExampleProtos.deterministicBytes(example.getFeatures().getFeatureMap()
        .getOrDefault(partitionFeature, Feature.getDefaultInstance()))).asLong();
  }
}
