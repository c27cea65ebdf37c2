package io.beamline.core;

/** Input data or an input artifact that cannot be used: names the file, row or feature. */
public class InvalidInputException extends BeamlineException {
  public InvalidInputException(String message) {
    super(message);
  }

  public InvalidInputException(String message, Throwable cause) {
    super(message, cause);
  }
}
