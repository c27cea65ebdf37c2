package io.beamline.orchestrator;

import io.beamline.core.BeamlineException;

/** A pipeline that cannot run as defined: a cycle, an unbound input, a duplicate or unknown node. */
public class PipelineDefinitionException extends BeamlineException {
  public PipelineDefinitionException(String message) {
    super(message);
  }
}
