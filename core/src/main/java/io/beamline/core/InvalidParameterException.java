package io.beamline.core;

/** A component parameter, option or binding that is not allowed: names it and what is allowed. */
public class InvalidParameterException extends BeamlineException {
  public InvalidParameterException(String message) {
    super(message);
  }
}
