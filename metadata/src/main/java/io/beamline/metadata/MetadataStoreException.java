package io.beamline.metadata;

/**
 * Any failure of the metadata store: invalid input (unknown type, wrong property type, missing
 * id), a store newer than this code, or an underlying database error (kept as the cause).
 *
 * <p>Unchecked on purpose: callers rarely recover from a store failure, and the orchestrator
 * reports it as the failure of the node being run.
 */
public class MetadataStoreException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public MetadataStoreException(String message) {
    super(message);
  }

  public MetadataStoreException(String message, Throwable cause) {
    super(message, cause);
  }
}
