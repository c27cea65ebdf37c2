package io.beamline.evaluator;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.types.TString;

class RecordBatchTensorTest {

  /** Records of every kind a TFRecord file can hold: empty, one byte, NULs and bytes that are not UTF-8, long ones. */
  private static List<byte[]> records() {
    Random random = new Random(7);
    List<byte[]> out = new ArrayList<>();
    out.add(new byte[0]);
    out.add(new byte[] {42});
    out.add(new byte[] {0, 0, (byte) 0xff, (byte) 0xc3, 0});
    for (int length : new int[] {22, 23, 500, 70_000}) {  // around TensorFlow's inline-string capacity, and large
      byte[] b = new byte[length];
      random.nextBytes(b);
      out.add(b);
    }
    out.add(new byte[0]);
    return out;
  }

  @Test
  void cutsTheJoinedBatchIntoTheSameRecordsByteForByte() {
    List<byte[]> records = records();
    try (Graph graph = new Graph()) {
      RecordBatchTensor cutter = RecordBatchTensor.addTo(graph);
      try (Session session = new Session(graph)) {
        for (List<byte[]> batch : List.of(records, records.subList(3, 4), records.subList(4, 6))) {
          try (Result result = cutter.cut(session, batch)) {
            TString cut = (TString) result.get(0);
            assertEquals(Shape.of(batch.size()), cut.shape());
            for (int i = 0; i < batch.size(); i++) {
              assertArrayEquals(batch.get(i), cut.asBytes().getObject(i), "record " + i);
            }
          }
        }
      }
    }
  }

  @Test
  void aGraphThatHoldsTheNamesAlreadyGetsItsOwnScope() {
    try (Graph graph = new Graph()) {
      RecordBatchTensor first = RecordBatchTensor.addTo(graph);
      RecordBatchTensor second = RecordBatchTensor.addTo(graph);
      assertNotNull(graph.operation("beamline_record_batch_1/records"));
      try (Session session = new Session(graph);
          Result a = first.cut(session, List.of(new byte[] {1, 2}));
          Result b = second.cut(session, List.of(new byte[] {3}))) {
        assertArrayEquals(new byte[] {1, 2}, ((TString) a.get(0)).asBytes().getObject(0));
        assertArrayEquals(new byte[] {3}, ((TString) b.get(0)).asBytes().getObject(0));
      }
    }
  }
}
