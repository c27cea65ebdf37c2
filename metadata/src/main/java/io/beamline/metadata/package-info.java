/**
 * The Beamline metadata store, modelled on ML Metadata: typed artifacts, executions and contexts,
 * the events and attributions that link them, and lineage walks over that graph, kept in SQLite
 * (default) or any JDBC database. Entry point: {@link io.beamline.metadata.MetadataStore}.
 */
package io.beamline.metadata;
