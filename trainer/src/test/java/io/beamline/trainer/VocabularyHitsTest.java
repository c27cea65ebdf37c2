package io.beamline.trainer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TString;

/** The hashed vocabulary lookup gives exactly the matrix a string comparison with every entry gives. */
class VocabularyHitsTest {
  private static final List<String> TAXI_PAYMENTS = List.of("Cash", "Credit Card", "Dispute", "No Charge", "Prcard",
      "Unknown");

  @Test
  void marksTheEntryOfEachValueAndNothingForOthers() {
    List<String> values = List.of("Cash", "Unknown", "", "cash", "Credit", "Credit Card ", "Prcard", "Dispute", "Ünknown",
        "No Charge");
    float[][] hits = run(TAXI_PAYMENTS, values, null);
    assertArrayEquals(expected(TAXI_PAYMENTS, values), hits);
    assertEquals(1f, hits[0][0]);
    assertEquals(1f, hits[1][5]);
    assertEquals(0f, sum(hits[2]) + sum(hits[3]) + sum(hits[4]) + sum(hits[5]) + sum(hits[8]));
  }

  @Test
  void agreesWithTheStringComparisonOnALargeVocabulary() {
    Random random = new Random(7);
    List<String> vocabulary = new ArrayList<>();
    for (int j = 0; j < 2000; j++) {
      vocabulary.add("entry-" + j + "-" + Long.toHexString(random.nextLong()));
    }
    List<String> values = new ArrayList<>();
    for (int i = 0; i < 3000; i++) {
      values.add(random.nextBoolean() ? vocabulary.get(random.nextInt(vocabulary.size())) : "other-" + random.nextInt());
    }
    float[][] hits = run(vocabulary, values, null);
    assertArrayEquals(expected(vocabulary, values), hits);
  }

  @Test
  void aValueWhoseHashMatchesAnEntryButNotItsTextIsOutOfVocabulary() {
    // Entry "Cash" given the hash of "Bitcoin": "Bitcoin" finds "Cash" by hash and must be refused by
    // the string check; "Cash" itself no longer finds its entry by hash, so it reads as unknown too.
    long[] hashes = VocabularyHits.fingerprints(TAXI_PAYMENTS);
    hashes[0] = VocabularyHits.fingerprints(List.of("Bitcoin"))[0];
    float[][] hits = run(TAXI_PAYMENTS, List.of("Bitcoin", "Credit Card"), hashes);
    assertEquals(0f, sum(hits[0]));
    assertEquals(1f, hits[1][1]);
    assertEquals(1f, sum(hits[1]));
  }

  @Test
  void collidingEntryHashesFallBackToComparingStrings() {
    long[] colliding = new long[TAXI_PAYMENTS.size()];  // every entry the same hash
    List<String> values = List.of("Prcard", "Cash", "nothing", "");
    assertArrayEquals(expected(TAXI_PAYMENTS, values), run(TAXI_PAYMENTS, values, colliding));
  }

  private static float[][] run(List<String> vocabulary, List<String> values, long[] hashes) {
    try (Graph g = new Graph(); Session s = new Session(g)) {
      Ops tf = Ops.create(g);
      Placeholder<TString> in = tf.placeholder(TString.class, Placeholder.shape(Shape.of(-1, 1)));
      Operand<TFloat32> hits = hashes == null ? VocabularyHits.of(tf, in, vocabulary)
          : VocabularyHits.of(tf, in, vocabulary, hashes);
      byte[][] bytes = values.stream().map(v -> v.getBytes(StandardCharsets.UTF_8)).toArray(byte[][]::new);
      try (TString feed = TString.tensorOfBytes(Shape.of(values.size(), 1), DataBuffers.ofObjects(bytes));
          TFloat32 out = (TFloat32) s.runner().feed(in, feed).fetch(hits).run().get(0)) {
        assertEquals(Shape.of(values.size(), vocabulary.size()), out.shape());
        float[][] m = new float[values.size()][vocabulary.size()];
        for (int i = 0; i < m.length; i++) {
          for (int j = 0; j < m[i].length; j++) {
            m[i][j] = out.getFloat(i, j);
          }
        }
        return m;
      }
    }
  }

  private static float[][] expected(List<String> vocabulary, List<String> values) {
    float[][] m = new float[values.size()][vocabulary.size()];
    for (int i = 0; i < m.length; i++) {
      for (int j = 0; j < vocabulary.size(); j++) {
        m[i][j] = vocabulary.get(j).equals(values.get(i)) ? 1f : 0f;
      }
    }
    return m;
  }

  private static float sum(float[] row) {
    float s = 0;
    for (float v : row) {
      s += v;
    }
    return s;
  }
}
