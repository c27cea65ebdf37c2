package io.beamline.cli;

import io.beamline.kfp.KfpCompiler;
import io.beamline.kfp.KfpImage;
import io.beamline.kfp.PipelineSpecDocument;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code beamline kfp component NAME}: the KFP component YAML of one component. */
@Command(name = "component", mixinStandardHelpOptions = true,
    description = {"Write the Kubeflow Pipelines (v2) component YAML of a component, generated from its spec:"
        + " typed input and output artifacts, its parameters with their defaults, and a container that runs"
        + " it in the Beamline image. Load it with kfp.components.load_component_from_file."},
    footer = {"", "Example:", "  beamline kfp component StatisticsGen --output statisticsgen.yaml"})
final class KfpComponentCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(paramLabel = "NAME", description = "The component: ExampleGen, StatisticsGen, SchemaGen,"
      + " ExampleValidator, Trainer, Evaluator, Pusher, CsvStatistics, ImportSchemaGen, RowValidator.")
  String name;

  @Option(names = "--output", paramLabel = "FILE", description = "Where to write the YAML (default: standard output).")
  Path output;

  @Option(names = "--image", paramLabel = "IMAGE", description = "The Beamline image the step runs (default: "
      + KfpImage.DEFAULT_IMAGE + ").")
  String image = KfpImage.DEFAULT_IMAGE;

  @Override
  public Integer call() {
    PipelineSpecDocument doc = KfpCompiler.forImage(KfpImage.named(image)).component(BeamlineComponents.named(name));
    KfpCompileCommand.emit(spec, doc, output);
    return 0;
  }
}
