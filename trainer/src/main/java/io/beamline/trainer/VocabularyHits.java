package io.beamline.trainer;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Session;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TInt64;
import org.tensorflow.types.TString;

/**
 * The one-hot columns of a categorical feature against its vocabulary, as graph ops: [batch, V], a 1
 * where the example's value is vocabulary entry j.
 *
 * <p>Comparing each value with every entry as strings ({@code Equal} broadcast to [batch, V]) took
 * more than half of a serving call on the taxi model, and the same comparison on integers still
 * cost about 30 ns a pair (TensorFlow broadcasts element by element). Here each value is hashed
 * once ({@code StringToHashBucketFast}: its FarmHash fingerprint modulo 2^63 - 1), its hash is
 * looked up among the entries' sorted hashes by binary search ({@code LowerBound}), and the entry
 * found is compared with the value as a string, so a value whose hash merely equals an entry's is
 * out of vocabulary, exactly as before. The result is the same 0/1 matrix as the string comparison's,
 * so a model's numbers do not change. The entries' hashes are computed when the graph is built by
 * the same TensorFlow kernel that serving runs. A lookup table would also do, but it is state every
 * loader of the SavedModel would have to initialize. Where two entries' hashes collide (never seen)
 * the string comparison is kept.
 */
final class VocabularyHits {
  private static final long BUCKETS = Long.MAX_VALUE;

  private VocabularyHits() {}

  /** {@code value} is [batch, 1] strings; the result [batch, V] floats. */
  static Operand<TFloat32> of(Ops tf, Operand<TString> value, List<String> vocabulary) {
    return of(tf, value, vocabulary, fingerprints(vocabulary));
  }

  /** As {@link #of(Ops, Operand, List)} with the entries' hashes given (tests give colliding ones). */
  static Operand<TFloat32> of(Ops tf, Operand<TString> value, List<String> vocabulary, long[] hashes) {
    Operand<TString> entries = tf.constant(StandardCharsets.UTF_8, vocabulary.toArray(new String[0]));
    Integer[] order = new Integer[hashes.length];
    for (int j = 0; j < order.length; j++) {
      order[j] = j;
    }
    Arrays.sort(order, Comparator.comparingLong(j -> hashes[j]));
    long[] sorted = new long[hashes.length];
    int[] entryAt = new int[hashes.length];
    for (int k = 0; k < order.length; k++) {
      sorted[k] = hashes[order[k]];
      entryAt[k] = order[k];
      if (k > 0 && sorted[k] == sorted[k - 1]) {
        return tf.dtypes.cast(tf.math.equal(value, entries), TFloat32.class);
      }
    }
    Operand<TInt64> valueHashes = tf.reshape(tf.strings.toHashBucketFast(value, BUCKETS), tf.constant(new long[] {1, -1}));
    Operand<TInt32> position = tf.reshape(tf.lowerBound(tf.constant(new long[][] {sorted}), valueHashes),
        tf.constant(new long[] {-1}));
    // Past the last hash means no match; clamp so the lookup stays in range (the string check says no).
    Operand<TInt32> clamped = tf.math.minimum(position, tf.constant(hashes.length - 1));
    Operand<TInt32> candidate = tf.gather(tf.constant(entryAt), clamped, tf.constant(0));
    Operand<TString> flat = tf.reshape(value, tf.constant(new long[] {-1}));
    Operand<TFloat32> exact = tf.dtypes.cast(
        tf.math.equal(tf.gather(entries, candidate, tf.constant(0)), flat), TFloat32.class);
    Operand<TFloat32> oneHot = tf.oneHot(candidate, tf.constant(vocabulary.size()), tf.constant(1f), tf.constant(0f));
    return tf.math.mul(oneHot, tf.expandDims(exact, tf.constant(1)));
  }

  /** The entries' hashes, computed by the TensorFlow kernel the graph uses. */
  static long[] fingerprints(List<String> vocabulary) {
    try (Graph g = new Graph(); Session s = new Session(g)) {
      Ops tf = Ops.create(g);
      Operand<TInt64> hashes = tf.strings.toHashBucketFast(
          tf.constant(StandardCharsets.UTF_8, vocabulary.toArray(new String[0])), BUCKETS);
      try (TInt64 values = (TInt64) s.runner().fetch(hashes).run().get(0)) {
        long[] out = new long[vocabulary.size()];
        for (int j = 0; j < out.length; j++) {
          out[j] = values.getLong(j);
        }
        return out;
      }
    }
  }
}
