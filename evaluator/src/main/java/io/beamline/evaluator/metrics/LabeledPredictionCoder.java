package io.beamline.evaluator.metrics;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.apache.beam.sdk.coders.CustomCoder;

/** Three doubles: label, prediction, weight. Java serialization would cost ~10x the bytes. */
final class LabeledPredictionCoder extends CustomCoder<LabeledPrediction> {
  static final LabeledPredictionCoder INSTANCE = new LabeledPredictionCoder();

  @Override
  public void encode(LabeledPrediction value, OutputStream out) throws IOException {
    DataOutputStream data = new DataOutputStream(out);
    data.writeDouble(value.label());
    data.writeDouble(value.prediction());
    data.writeDouble(value.weight());
    data.flush();
  }

  @Override
  public LabeledPrediction decode(InputStream in) throws IOException {
    DataInputStream data = new DataInputStream(in);
    return new LabeledPrediction(data.readDouble(), data.readDouble(), data.readDouble());
  }

  @Override
  public void verifyDeterministic() {}
}
