package io.beamline.core.schema;

/** A feature's value type in a schema, as schema.proto's {@code FeatureType}. */
public enum SchemaType {
  TYPE_UNKNOWN,
  BYTES,
  INT,
  FLOAT,
  STRUCT
}
