package io.beamline.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/** Runs the command line in this JVM with captured output, for tests. */
final class CliRunner {
  record Result(int code, String out, String err) {}

  private CliRunner() {}

  static Result run(String... args) {
    CommandLine cli = BeamlineCli.commandLine(args);
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    int code = cli.execute(args);
    return new Result(code, out.toString(), err.toString());
  }
}
