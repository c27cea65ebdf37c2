package io.beamline.io.examples;

import io.beamline.core.examples.FeatureType;

import java.io.IOException;
import java.nio.channels.WritableByteChannel;
import java.util.Map;
import java.util.TreeMap;
import org.apache.beam.sdk.io.FileIO;
import org.apache.parquet.hadoop.ParquetWriter;
import org.tensorflow.proto.Example;

/**
 * {@code FileIO} sink writing tf.Examples as Parquet rows ({@link ParquetExamples}). A shard that
 * receives no rows still gets a valid Parquet file with the schema and no row groups.
 */
final class ParquetSink implements FileIO.Sink<Example> {
  private final TreeMap<String, FeatureType> types;
  private transient ParquetWriter<Example> writer;

  ParquetSink(Map<String, FeatureType> types) {
    this.types = new TreeMap<>(types);
  }

  @Override
  public void open(WritableByteChannel channel) throws IOException {
    writer = ParquetExamples.writer(ChannelFiles.output(channel), types);
  }

  @Override
  public void write(Example element) throws IOException {
    writer.write(element);
  }

  @Override
  public void flush() throws IOException {
    // Closing writes the footer; the channel itself stays open for FileIO to close.
    writer.close();
  }
}
