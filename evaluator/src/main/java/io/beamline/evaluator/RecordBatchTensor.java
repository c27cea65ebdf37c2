package io.beamline.evaluator;

import io.beamline.core.InvalidInputException;
import java.util.List;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.NdArrays;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.strings.Substr;
import org.tensorflow.types.TInt64;
import org.tensorflow.types.TString;

/**
 * Makes the string tensor of a batch of serialized examples inside TensorFlow: the batch goes in as
 * one string (the records end to end) with each record's offset and length, and a {@code Substr} op
 * added to the model's graph cuts it into the records.
 *
 * <p>Why: TensorFlow Java builds a string tensor element by element, each with its own native
 * buffer, copy and scope (about 1.4 microseconds a record on this machine): in the Evaluator that
 * cost more than the model's own parse and inference of the record. Here Java makes three tensors a
 * batch whatever its size, and the copy into the records happens in one native op.
 *
 * <p>The ops are added to the loaded graph once, before the model is shared, under names no
 * SavedModel of ours uses; TensorFlow extends the session with them on its next call. Nothing is
 * written back to the model's directory. The components are the graph names of the three tensors
 * fed and of the one fetched.
 */
record RecordBatchTensor(String bytes, String starts, String lengths, String records) {
  private static final String SCOPE = "beamline_record_batch";
  /** The largest Java array the JVM allocates (a little under {@code Integer.MAX_VALUE}). */
  private static final long MAX_BATCH_BYTES = Integer.MAX_VALUE - 8;

  /** Adds the cutting ops to {@code graph} (under a scope name the graph does not hold yet). */
  static RecordBatchTensor addTo(Graph graph) {
    String scope = SCOPE;
    for (int i = 1; graph.operation(scope + "/bytes") != null; i++) {
      scope = SCOPE + "_" + i;
    }
    Ops tf = Ops.create(graph).withSubScope(scope);
    Placeholder<TString> bytes = tf.withName("bytes").placeholder(TString.class, Placeholder.shape(Shape.scalar()));
    Placeholder<TInt64> starts = tf.withName("starts").placeholder(TInt64.class, Placeholder.shape(Shape.of(-1)));
    Placeholder<TInt64> lengths = tf.withName("lengths").placeholder(TInt64.class, Placeholder.shape(Shape.of(-1)));
    Substr records = tf.withName("records").strings.substr(bytes, starts, lengths, Substr.unit("BYTE"));
    return new RecordBatchTensor(name(bytes), name(starts), name(lengths), name(records));
  }

  private static String name(Operand<?> operand) {
    return operand.op().name() + ":0";
  }

  /**
   * The records as a [n] string tensor, made by {@code session} (the one of the graph the ops were
   * added to). The caller closes the result, which holds the tensor.
   */
  Result cut(Session session, List<byte[]> serialized) {
    int n = serialized.size();
    long[] offsets = new long[n];
    long[] sizes = new long[n];
    long total = 0;
    for (int i = 0; i < n; i++) {
      offsets[i] = total;
      sizes[i] = serialized.get(i).length;
      total += sizes[i];
    }
    if (total > MAX_BATCH_BYTES) {
      throw new InvalidInputException("A batch of " + n + " serialized examples holds " + total + " bytes, more than"
          + " one Java array (and so one batch string) can: lower batch_size");
    }
    byte[] joined = new byte[(int) total];
    for (int i = 0; i < n; i++) {
      System.arraycopy(serialized.get(i), 0, joined, (int) offsets[i], (int) sizes[i]);
    }
    try (Tensor all = TString.tensorOfBytes(NdArrays.scalarOfObject(joined));
        Tensor at = TInt64.tensorOf(Shape.of(n), DataBuffers.of(offsets, true, false));
        Tensor length = TInt64.tensorOf(Shape.of(n), DataBuffers.of(sizes, true, false))) {
      return session.runner().feed(bytes, all).feed(starts, at).feed(lengths, length).fetch(records).run();
    }
  }
}
