package io.beamline.evaluator.metrics;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

/** Dense and sparse (index, value) forms of the double arrays inside the multiclass and regression accumulators. */
final class EncodedArrays {
  private EncodedArrays() {}

  static void writeDense(double[] values, DataOutputStream out) throws IOException {
    for (double v : values) {
      out.writeDouble(v);
    }
  }

  static void addDense(double[] into, DataInputStream in) throws IOException {
    for (int i = 0; i < into.length; i++) {
      into[i] += in.readDouble();
    }
  }

  /** Nonzero cells only: a bundle's slice fills few buckets of a histogram. */
  static void writeSparse(double[] values, DataOutputStream out) throws IOException {
    int nonZero = 0;
    for (double v : values) {
      if (v != 0.0) {
        nonZero++;
      }
    }
    out.writeInt(nonZero);
    for (int i = 0; i < values.length; i++) {
      if (values[i] != 0.0) {
        out.writeInt(i);
        out.writeDouble(values[i]);
      }
    }
  }

  static void addSparse(double[] into, DataInputStream in) throws IOException {
    int nonZero = in.readInt();
    for (int k = 0; k < nonZero; k++) {
      int i = in.readInt();
      into[i] += in.readDouble();
    }
  }
}
