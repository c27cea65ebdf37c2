package io.beamline.cli;

import io.beamline.kfp.KfpEntrypoint;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code beamline kfp run}: the container entrypoint of a KFP step. */
@Command(name = "run", mixinStandardHelpOptions = true,
    description = {"Run one component as a Kubeflow Pipelines step: read KFP's ExecutorInput (the {{$}}"
        + " placeholder), read and write artifacts through the launcher's mounts (gs:// at /gcs/, minio:// at"
        + " /minio/, s3:// at /s3/), and write the ExecutorOutput, with each output's properties as its"
        + " metadata, to outputs.outputFile. On failure: exit 1, one line on stderr, nothing published."},
    footer = {"", "Example:",
        "  beamline kfp run --component StatisticsGen --executor-input '{{$}}'"})
final class KfpRunCommand implements Callable<Integer> {
  @Option(names = "--component", required = true, paramLabel = "NAME", description = "The component to run.")
  String component;

  @Option(names = "--executor-input", required = true, paramLabel = "JSON", description = "KFP's ExecutorInput.")
  String executorInput;

  @Override
  public Integer call() {
    KfpEntrypoint.of(BeamlineComponents.named(component)).run(executorInput);
    return 0;
  }
}
