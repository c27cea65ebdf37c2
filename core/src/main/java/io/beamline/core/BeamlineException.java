package io.beamline.core;

/**
 * Root of Beamline's unchecked exceptions. A message says what was wrong, the value given, what is
 * allowed, and where (file, line, feature, node).
 */
public class BeamlineException extends RuntimeException {
  public BeamlineException(String message) {
    super(message);
  }

  public BeamlineException(String message, Throwable cause) {
    super(message, cause);
  }
}
