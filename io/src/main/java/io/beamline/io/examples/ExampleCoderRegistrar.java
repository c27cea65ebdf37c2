package io.beamline.io.examples;

import java.util.List;
import org.apache.beam.sdk.coders.CoderProvider;
import org.apache.beam.sdk.coders.CoderProviderRegistrar;
import org.apache.beam.sdk.coders.CoderProviders;
import org.apache.beam.sdk.values.TypeDescriptor;
import org.tensorflow.proto.Example;

/**
 * Registers {@link ExampleCoder} for tf.Example with Beam's coder registry (through
 * {@code META-INF/services}), so {@code PCollection<Example>} needs no explicit coder.
 */
public final class ExampleCoderRegistrar implements CoderProviderRegistrar {
  @Override
  public List<CoderProvider> getCoderProviders() {
    return List.of(CoderProviders.forCoder(TypeDescriptor.of(Example.class), ExampleCoder.of()));
  }
}
