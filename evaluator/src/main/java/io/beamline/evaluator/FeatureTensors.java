package io.beamline.evaluator;

import io.beamline.core.InvalidInputException;
import java.util.List;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.proto.DataType;
import org.tensorflow.proto.Example;
import org.tensorflow.proto.Feature;
import org.tensorflow.proto.TensorInfo;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TFloat64;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TInt64;
import org.tensorflow.types.TString;

/**
 * One signature input fed from the tf.Example feature of the same name: one value per example, in a
 * [batch] or [batch, 1] tensor of the input's type (numbers from int64 or float lists, strings from
 * bytes lists).
 */
record FeatureTensors(String key, String tensorName, DataType type, boolean column) {
  private static final List<DataType> SUPPORTED = List.of(DataType.DT_FLOAT, DataType.DT_DOUBLE, DataType.DT_INT64,
      DataType.DT_INT32, DataType.DT_STRING);

  /** Checks that the input can be fed one feature value per example; {@code where} names the model and signature. */
  static FeatureTensors of(String where, String key, TensorInfo info) {
    if (!SUPPORTED.contains(info.getDtype())) {
      throw new InvalidInputException(where + ": input '" + key + "' is " + info.getDtype() + "; feature inputs must be"
          + " one of " + SUPPORTED);
    }
    List<Long> dims = info.getTensorShape().getDimList().stream().map(d -> d.getSize()).toList();
    boolean column = dims.size() == 2 && (dims.get(1) == 1 || dims.get(1) == -1);
    if (!info.getTensorShape().getUnknownRank() && dims.size() != 1 && !column) {
      throw new InvalidInputException(where + ": input '" + key + "' has shape " + dims
          + "; expected [batch] or [batch, 1] (one value of feature '" + key + "' per example)");
    }
    return new FeatureTensors(key, info.getName(), info.getDtype(), column);
  }

  /** The tensor for {@code examples}; {@code indexes[i]} is example i's record number, for errors. */
  Tensor tensor(List<Example> examples, long[] indexes, String where) {
    int n = examples.size();
    Shape shape = column ? Shape.of(n, 1) : Shape.of(n);
    switch (type) {
      case DT_STRING -> {
        byte[][] values = new byte[n][];
        for (int i = 0; i < n; i++) {
          Feature f = feature(examples.get(i), indexes[i], where);
          if (f.getKindCase() != Feature.KindCase.BYTES_LIST || f.getBytesList().getValueCount() != 1) {
            throw wrongValue(f, "one string", indexes[i], where);
          }
          values[i] = f.getBytesList().getValue(0).toByteArray();
        }
        return TString.tensorOfBytes(shape, DataBuffers.ofObjects(values));
      }
      case DT_INT64, DT_INT32 -> {
        long[] values = new long[n];
        for (int i = 0; i < n; i++) {
          Feature f = feature(examples.get(i), indexes[i], where);
          if (f.getKindCase() != Feature.KindCase.INT64_LIST || f.getInt64List().getValueCount() != 1) {
            throw wrongValue(f, "one integer", indexes[i], where);
          }
          values[i] = f.getInt64List().getValue(0);
        }
        if (type == DataType.DT_INT64) {
          return TInt64.tensorOf(shape, DataBuffers.of(values, true, false));
        }
        int[] ints = new int[n];
        for (int i = 0; i < n; i++) {
          ints[i] = Math.toIntExact(values[i]);
        }
        return TInt32.tensorOf(shape, DataBuffers.of(ints, true, false));
      }
      default -> {
        double[] values = new double[n];
        for (int i = 0; i < n; i++) {
          values[i] = number(feature(examples.get(i), indexes[i], where), indexes[i], where);
        }
        if (type == DataType.DT_DOUBLE) {
          return TFloat64.tensorOf(shape, DataBuffers.of(values, true, false));
        }
        float[] floats = new float[n];
        for (int i = 0; i < n; i++) {
          floats[i] = (float) values[i];
        }
        return TFloat32.tensorOf(shape, DataBuffers.of(floats, true, false));
      }
    }
  }

  private double number(Feature f, long index, String where) {
    if (f.getKindCase() == Feature.KindCase.FLOAT_LIST && f.getFloatList().getValueCount() == 1) {
      return f.getFloatList().getValue(0);
    }
    if (f.getKindCase() == Feature.KindCase.INT64_LIST && f.getInt64List().getValueCount() == 1) {
      return f.getInt64List().getValue(0);
    }
    throw wrongValue(f, "one number", index, where);
  }

  private Feature feature(Example example, long index, String where) {
    Feature f = example.getFeatures().getFeatureMap().get(key);
    if (f == null) {
      throw new InvalidInputException(where + ": input '" + key + "' is fed from feature '" + key
          + "', which record " + index + " lacks; the record has " + new java.util.TreeSet<>(
              example.getFeatures().getFeatureMap().keySet()));
    }
    return f;
  }

  private InvalidInputException wrongValue(Feature f, String expected, long index, String where) {
    return new InvalidInputException(where + ": input '" + key + "' (" + type + ") needs " + expected
        + " of feature '" + key + "' per example; record " + index + " has " + SliceKeys.values(f) + " ("
        + f.getKindCase() + ")");
  }

}
