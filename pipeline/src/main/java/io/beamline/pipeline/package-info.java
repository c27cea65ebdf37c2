/**
 * Pipelines of components: the DSL ({@link io.beamline.pipeline.Node}, {@link io.beamline.pipeline.Pipeline})
 * and the local orchestrator that runs them against a metadata store.
 */
package io.beamline.pipeline;
