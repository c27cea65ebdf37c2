/**
 * Kubeflow Pipelines for Beamline: KFP v2 component specs and PipelineSpecs generated from each
 * component's own spec and parameters record, the container entrypoint that speaks KFP's executor
 * contract ({@code ExecutorInput} in, {@code ExecutorOutput} out), and a local runner of compiled
 * pipelines.
 */
package io.beamline.kfp;
