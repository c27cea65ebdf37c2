package io.beamline.cli;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Unmatched;

/**
 * Beam options shared by every command that runs a Beam pipeline. {@code --runner} and
 * {@code --parallelism} are named here for help; any other {@code --name=value} is passed to Beam
 * unchanged (e.g. {@code --flinkMaster=[local]}), and Beam rejects names it does not know.
 */
final class BeamArgs {
  @Option(names = "--runner", paramLabel = "RUNNER",
      description = "Beam runner (default: DirectRunner, embedded, all cores).")
  String runner;

  @Option(names = "--parallelism", paramLabel = "N",
      description = "Parallelism for the runner (DirectRunner: worker threads).")
  Integer parallelism;

  @Unmatched List<String> passThrough = new ArrayList<>();

  /**
   * The command this mixin is part of: picocli collects the options it does not know on that
   * command, not in the mixin's {@code @Unmatched} field, so they are read from there.
   */
  @Spec(Spec.Target.MIXEE) CommandSpec mixee;

  List<String> toList() {
    List<String> args = new ArrayList<>();
    if (runner != null) {
      args.add("--runner=" + runner);
    }
    if (parallelism != null) {
      args.add("--parallelism=" + parallelism);
    }
    List<String> unmatched = new ArrayList<>(passThrough);
    if (mixee != null) {
      mixee.commandLine().getUnmatchedArguments().stream().filter(a -> !unmatched.contains(a)).forEach(unmatched::add);
    }
    for (String a : unmatched) {
      if (!a.startsWith("--")) {
        throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this),
            "Unexpected argument '" + a + "': Beam options are written --name=value");
      }
      args.add(a);
    }
    return args;
  }
}
