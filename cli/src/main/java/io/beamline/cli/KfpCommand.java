package io.beamline.cli;

import picocli.CommandLine.Command;

/** {@code beamline kfp ...}: Kubeflow Pipelines component specs, compiled pipelines, the step entrypoint. */
@Command(name = "kfp", mixinStandardHelpOptions = true,
    description = {"Kubeflow Pipelines: write a component's spec, compile a pipeline to a PipelineSpec YAML,"
        + " run one step as a KFP container does, or run a compiled pipeline locally."},
    subcommands = {KfpComponentCommand.class, KfpCompileCommand.class, KfpRunCommand.class, KfpLocalCommand.class},
    footer = {"", "Example:", "  beamline kfp compile --image registry.example.com/beamline:0.1.0 --output taxi.yaml"})
final class KfpCommand {}
