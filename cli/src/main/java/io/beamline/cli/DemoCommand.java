package io.beamline.cli;

import io.beamline.core.InvalidParameterException;
import io.beamline.examplegen.ExampleGen;
import io.beamline.metadata.MetadataStore;
import io.beamline.orchestrator.LocalOrchestrator;
import io.beamline.orchestrator.NodeResult;
import io.beamline.orchestrator.NodeState;
import io.beamline.orchestrator.PipelineRunResult;
import io.beamline.evaluator.Evaluator;
import io.beamline.pusher.Pusher;
import io.beamline.schemagen.SchemaGen;
import io.beamline.trainer.Trainer;
import io.beamline.statsgen.StatisticsGen;
import io.beamline.validator.ExampleValidator;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code beamline demo}: the Chicago taxi pipeline, embedded, through the orchestrator and store. */
@Command(name = "demo", mixinStandardHelpOptions = true,
    description = {"Run the Chicago taxi pipeline embedded (DirectRunner) through the orchestrator and the"
        + " metadata store: ingest, statistics, schema, validation, training, evaluation against the last"
        + " blessed model, push. Run it twice: the data steps come from cache and the new model is"
        + " validated against the first."},
    footer = {"", "Example:", "  beamline demo --home /tmp/beamline-home"})
final class DemoCommand implements Callable<Integer> {
  static final String DATA = "examples/data/taxi/big_tipper.csv";

  @Mixin HomeOption home;
  @Mixin BeamArgs beam;
  @Spec CommandSpec spec;

  @Option(names = "--data", paramLabel = "CSV", description = "The taxi CSV (default: " + DATA + " of this checkout).")
  Path data;

  @Option(names = "--no-cache", description = "Run every node even when an earlier run has its outputs.")
  boolean noCache;

  @Option(names = "--spans", paramLabel = "N", description = "Monitoring over time: the data as N spans by trip"
      + " start time, a shift injected from --shift-from on, the monitored pipeline run per span (retraining only on"
      + " drift or an old model).")
  Integer spans;

  @Option(names = "--shift-from", paramLabel = "SPAN", description = "With --spans: the first span with fares x1.5"
      + " and the new payment type (default: two thirds of the way).")
  Integer shiftFrom;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    Path csv = data != null ? data : defaultData();
    BeamlineHome h = home.resolve();
    out.println("Beamline demo: the Chicago taxi pipeline on " + TerminalText.escape(csv));
    out.println("Home: " + TerminalText.escape(h.dir()));
    out.flush();
    if (spans != null) {
      int from = shiftFrom != null ? shiftFrom : (2 * spans + 2) / 3;
      return new SpansDemo(out, h, beam.toList(), !noCache).run(csv, spans, from, spec.commandLine().getErr());
    }
    PipelineRunResult run;
    try (MetadataStore store = h.openStore()) {
      run = LocalOrchestrator.using(store, h.artifactRoot())
          .withBeamArgs(beam.toList())
          .withCaching(!noCache)
          .run(TaxiPipeline.of(csv, h.dir().resolve("serving").resolve(TaxiPipeline.NAME)));
    }
    out.println();
    out.printf("Run %s %s in %s%n", TerminalText.escape(run.runName()), run.succeeded() ? "COMPLETE" : "FAILED",
        Durations.format(run.duration()));
    for (NodeResult node : run.nodes().values()) {
      out.printf("  %-16s %-9s %s%n", TerminalText.escape(node.nodeId()), node.state(),
          node.state() == NodeState.SKIPPED ? "" : Durations.format(node.duration()));
    }
    if (!run.succeeded()) {
      spec.commandLine().getErr().println("beamline demo: " + TerminalText.escapeLines(run.error().orElse("the run failed")));
      return 1;
    }
    out.println();
    Summaries.examples(out, run.node(TaxiPipeline.EXAMPLE_GEN).output(ExampleGen.EXAMPLES));
    Summaries.statistics(out, run.node(TaxiPipeline.STATISTICS_GEN).output(StatisticsGen.STATISTICS));
    Summaries.schema(out, run.node(TaxiPipeline.SCHEMA_GEN).output(SchemaGen.SCHEMA));
    Summaries.anomalies(out, run.node(TaxiPipeline.EXAMPLE_VALIDATOR).output(ExampleValidator.ANOMALIES));
    Summaries.model(out, run.node(TaxiPipeline.TRAINER).output(Trainer.MODEL),
        run.node(TaxiPipeline.TRAINER).output(Trainer.MODEL_RUN));
    Summaries.evaluation(out, run.node(TaxiPipeline.EVALUATOR).output(Evaluator.EVALUATION),
        run.node(TaxiPipeline.EVALUATOR).output(Evaluator.BLESSING));
    Summaries.worstSlices(out, run.node(TaxiPipeline.EVALUATOR).output(Evaluator.EVALUATION), 3);
    Summaries.pushed(out, run.node(TaxiPipeline.PUSHER).output(Pusher.PUSHED_MODEL));
    out.println();
    out.println("Next: ./beamline runs, ./beamline artifacts, ./beamline lineage <artifact id>");
    out.println("Dashboard: ./beamline ui --home " + shellQuoted(TerminalText.escape(h.dir()))
        + "   (then open http://127.0.0.1:8080/)");
    return 0;
  }

  /** As a shell reads it back: single-quoted when it holds anything but plain path characters. */
  static String shellQuoted(String path) {
    return path.matches("[A-Za-z0-9_./:@%+=,-]+") ? path : "'" + path.replace("'", "'\\''") + "'";
  }

  /** The checkout's copy of the data: the launcher says where the checkout is. */
  private static Path defaultData() {
    String root = System.getenv("BEAMLINE_ROOT");
    Path csv = (root != null ? Path.of(root) : Path.of("")).resolve(DATA).toAbsolutePath().normalize();
    if (!Files.isRegularFile(csv)) {
      throw new InvalidParameterException("The demo data is not at " + csv
          + "; run ./beamline from a Beamline checkout, or give --data PATH");
    }
    return csv;
  }
}
