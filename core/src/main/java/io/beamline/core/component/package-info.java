/**
 * The component contract: a spec of typed inputs, outputs and parameters, an executor that does the
 * work without touching the metadata store, and {@link io.beamline.core.component.ComponentRun},
 * the one code path that runs a component as a library call, a subcommand or a pipeline node.
 */
package io.beamline.core.component;
