/**
 * Schema inference from statistics with TFDV's rules ({@link io.beamline.schemagen.SchemaGen}) and
 * import of a user-curated TFMD schema file ({@link io.beamline.schemagen.ImportSchemaGen}).
 */
package io.beamline.schemagen;
