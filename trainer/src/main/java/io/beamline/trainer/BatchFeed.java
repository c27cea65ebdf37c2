package io.beamline.trainer;

import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.NdArrays;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;
import org.tensorflow.types.TString;

/**
 * One batch as the tensors the training graph takes at its feed points (see {@link FeedArrays}).
 * Closing it frees the tensors.
 */
final class BatchFeed implements AutoCloseable {
  final int rows;
  final List<Tensor> values = new ArrayList<>();
  final List<TFloat32> presents = new ArrayList<>();
  final TFloat32 labels;
  final float[] labelArray;

  BatchFeed(FeedArrays arrays) {
    this.rows = arrays.rows();
    this.labelArray = arrays.labels();
    try {
      for (int i = 0; i < arrays.values().size(); i++) {
        Object v = arrays.values().get(i);
        values.add(v instanceof long[] longs ? TInt64.vectorOf(longs)
            : v instanceof float[] floats ? TFloat32.vectorOf(floats)
            : TString.tensorOfBytes(NdArrays.vectorOfObjects((byte[][]) v)));
        presents.add(TFloat32.vectorOf(arrays.presents().get(i)));
      }
    } catch (RuntimeException e) {
      close();
      throw e;
    }
    this.labels = TFloat32.vectorOf(labelArray);
  }

  @Override
  public void close() {
    values.forEach(Tensor::close);
    presents.forEach(Tensor::close);
    if (labels != null) {
      labels.close();
    }
  }
}
