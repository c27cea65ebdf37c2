package io.beamline.cli;

import io.beamline.core.InvalidParameterException;
import io.beamline.kfp.KfpCompiler;
import io.beamline.kfp.KfpImage;
import io.beamline.kfp.PipelineSpecDocument;
import io.beamline.orchestrator.Pipeline;
import java.io.PrintWriter;
import java.lang.reflect.InvocationTargetException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code beamline kfp compile}: a pipeline as a KFP PipelineSpec YAML. */
@Command(name = "compile", mixinStandardHelpOptions = true,
    description = {"Compile a pipeline into a Kubeflow Pipelines PipelineSpec YAML (schema 2.1.0) to upload"
        + " to KFP: the taxi demo pipeline, or yours (--pipeline CLASS, a Supplier<Pipeline> with a public"
        + " no-argument constructor on the classpath). Every node parameter becomes a pipeline parameter"
        + " <task>_<parameter> (e.g. examplegen_input, trainer_epochs) defaulting to the node's value;"
        + " beam_args passes Beam options (e.g. a Flink master) to every step."},
    footer = {"", "Example:", "  beamline kfp compile --image registry.example.com/beamline:0.1.0 --output chicago-taxi.yaml"})
final class KfpCompileCommand implements Callable<Integer> {
  /** Where the image keeps the taxi data (see kfp/README.md): the demo's default input inside KFP. */
  static final String IMAGE_TAXI_DATA = "/opt/beamline/examples/data/taxi/big_tipper.csv";
  static final String DEFAULT_SERVING = "/tmp/beamline/serving/" + TaxiPipeline.NAME;

  @Spec CommandSpec spec;

  @Option(names = "--output", paramLabel = "FILE", description = "Where to write the YAML (default: standard output).")
  Path output;

  @Option(names = "--image", paramLabel = "IMAGE", description = "The Beamline image the steps run (default: "
      + KfpImage.DEFAULT_IMAGE + ").")
  String image = KfpImage.DEFAULT_IMAGE;

  @Option(names = "--pipeline", paramLabel = "CLASS",
      description = "A class implementing java.util.function.Supplier<io.beamline.orchestrator.Pipeline>"
          + " (default: the taxi demo pipeline).")
  String pipelineClass;

  @Option(names = "--data", paramLabel = "PATH", description = "The taxi pipeline's input as the steps see it"
      + " (default: " + IMAGE_TAXI_DATA + ", the copy in the image); a parameter, examplegen_input, per run too.")
  String data = IMAGE_TAXI_DATA;

  @Option(names = "--serving", paramLabel = "DIR", description = "Where the taxi pipeline pushes blessed models"
      + " (default: " + DEFAULT_SERVING + "); pusher_destination per run.")
  String serving = DEFAULT_SERVING;

  @Override
  public Integer call() {
    Pipeline pipeline = pipelineClass == null ? TaxiPipeline.of(Path.of(data), Path.of(serving)) : userPipeline(pipelineClass);
    emit(spec, KfpCompiler.forImage(KfpImage.named(image)).compile(pipeline), output);
    return 0;
  }

  static Pipeline userPipeline(String className) {
    try {
      Object factory = Class.forName(className).getDeclaredConstructor().newInstance();
      if (!(factory instanceof Supplier<?> supplier) || !(supplier.get() instanceof Pipeline pipeline)) {
        throw new InvalidParameterException("--pipeline " + className + " must implement Supplier<Pipeline>");
      }
      return pipeline;
    } catch (ClassNotFoundException e) {
      throw new InvalidParameterException("--pipeline: no class " + className + " on the classpath");
    } catch (NoSuchMethodException | InstantiationException | IllegalAccessException e) {
      throw new InvalidParameterException("--pipeline " + className + " needs a public no-argument constructor");
    } catch (InvocationTargetException e) {
      throw new InvalidParameterException("--pipeline " + className + " failed to build its pipeline: "
          + e.getCause());
    }
  }

  static void emit(CommandSpec spec, PipelineSpecDocument doc, Path output) {
    if (output == null) {
      PrintWriter out = spec.commandLine().getOut();
      out.print(doc.toYaml());
      out.flush();
    } else {
      doc.writeTo(output);
      spec.commandLine().getOut().println("Wrote " + TerminalText.escape(output));
    }
  }
}
