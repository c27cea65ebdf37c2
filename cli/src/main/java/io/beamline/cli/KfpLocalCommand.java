package io.beamline.cli;

import io.beamline.core.InvalidParameterException;
import io.beamline.core.Json;
import io.beamline.kfp.LocalPipelineRunner;
import io.beamline.kfp.LocalRunResult;
import io.beamline.kfp.PipelineSpecDocument;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code beamline kfp local FILE}: a compiled pipeline run on this machine, no Kubernetes. */
@Command(name = "local", mixinStandardHelpOptions = true,
    description = {"Run a compiled PipelineSpec YAML on this machine as Kubeflow Pipelines would: each task's"
        + " ExecutorInput written under the pipeline root, its command run (the image's java replaced by this"
        + " machine's), its ExecutorOutput read back. Prints each task's state and output metadata."},
    footer = {"", "Example:", "  beamline kfp compile --data examples/data/taxi/big_tipper.csv --output taxi.yaml",
        "  beamline kfp local taxi.yaml --pipeline-root kfp-root --param trainer_epochs=5"})
final class KfpLocalCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(paramLabel = "FILE", description = "The compiled PipelineSpec YAML.")
  Path file;

  @Option(names = "--pipeline-root", paramLabel = "DIR", description = "Where runs write (default: kfp-root).")
  Path pipelineRoot = Path.of("kfp-root");

  @Option(names = "--param", paramLabel = "NAME=JSON", description = "A pipeline parameter; the value is JSON,"
      + " or a plain string when it is not JSON (e.g. trainer_epochs=5, examplegen_input=data.csv).")
  List<String> params = new ArrayList<>();

  @Override
  public Integer call() {
    LocalPipelineRunner runner = LocalPipelineRunner.at(pipelineRoot)
        .withCommandRewrite(LocalPipelineRunner.launcherOnThisMachine());
    for (String p : params) {
      int eq = p.indexOf('=');
      if (eq <= 0) {
        throw new InvalidParameterException("--param '" + p + "': expected NAME=VALUE");
      }
      runner = runner.withParameter(p.substring(0, eq), value(p.substring(eq + 1)));
    }
    LocalRunResult result = runner.run(PipelineSpecDocument.read(file));
    PrintWriter out = spec.commandLine().getOut();
    out.println("Run " + TerminalText.escape(result.runRoot()) + (result.succeeded() ? " SUCCEEDED" : " FAILED"));
    for (LocalRunResult.TaskResult t : result.tasks().values()) {
      out.printf("  %-18s %-9s %s%n", t.name(), t.state(), TerminalText.escape(t.message()));
      t.outputs().forEach((key, artifact) -> out.println("    " + key + " " + TerminalText.escape(artifact.path("uri").asText())
          + " " + TerminalText.escape(Json.write(artifact.path("metadata")))));
    }
    return result.succeeded() ? 0 : 1;
  }

  private static Object value(String text) {
    try {
      return Json.mapper().readValue(text, Object.class);
    } catch (Exception e) {
      return text;
    }
  }

}
