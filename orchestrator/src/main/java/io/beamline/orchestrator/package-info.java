/**
 * Pipelines of components: the DSL ({@link io.beamline.orchestrator.Node}, {@link io.beamline.orchestrator.Pipeline})
 * and the local orchestrator that runs them against a metadata store.
 */
package io.beamline.orchestrator;
