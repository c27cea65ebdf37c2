package io.beamline.examplegen;

import com.google.protobuf.InvalidProtocolBufferException;
import io.beamline.core.InvalidInputException;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.values.KV;
import org.tensorflow.proto.Example;

/** Parses TFRecord payloads as tf.Examples, keyed by their split. */
final class ParseExampleFn extends DoFn<byte[], KV<String, Example>> {
  private final String split;

  ParseExampleFn(String split) {
    this.split = split;
  }

  @ProcessElement
  public void process(@Element byte[] record, OutputReceiver<KV<String, Example>> out) {
    try {
      out.output(KV.of(split, Example.parseFrom(record)));
    } catch (InvalidProtocolBufferException e) {
      throw new InvalidInputException("A TFRecord record of " + (split.isEmpty() ? "the input" : "split '"
          + split + "'") + " is not a tf.Example (" + record.length + " bytes): " + e.getMessage(), e);
    }
  }
}
