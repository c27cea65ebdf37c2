package io.beamline.core.component;

import java.util.Map;

/**
 * Does a component's work: reads the resolved inputs, writes each output under its URI (usually by
 * running one Beam pipeline) and returns the properties of each output. An executor never talks to
 * the metadata store, and for the same inputs and parameters it writes the same outputs.
 */
@FunctionalInterface
public interface Executor<P extends Record> {
  /**
   * @return output properties by output key; a key may be left out when an output has none
   * @throws Exception any failure; {@link io.beamline.core.BeamlineException}s carry the message a
   *     user sees
   */
  Map<String, ArtifactProperties> execute(ExecutorContext<P> context) throws Exception;
}
