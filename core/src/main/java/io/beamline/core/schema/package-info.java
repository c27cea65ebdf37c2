/**
 * The schema of a data set as TensorFlow Metadata's schema.proto describes it: a generic tree of
 * the protobuf text format (so fields Beamline does not model survive a read and write unchanged),
 * typed views of the parts Beamline uses, and the {@code schema.pbtxt} / {@code schema.json} files.
 */
package io.beamline.core.schema;
