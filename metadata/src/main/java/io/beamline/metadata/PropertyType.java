package io.beamline.metadata;

/** The type of a property value, as declared on an artifact, execution or context type. */
public enum PropertyType {
  INT,
  DOUBLE,
  STRING,
  /** A JSON document (object, array or scalar), see {@link Value.StructValue}. */
  STRUCT
}
