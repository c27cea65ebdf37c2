package io.beamline.cli;

import io.beamline.ui.Dashboard;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code beamline ui}: the dashboard over the home, until stopped. */
@Command(name = "ui", mixinStandardHelpOptions = true,
    description = {"Serve the dashboard over the home: runs and their steps (graph, parameters, logs),"
        + " artifacts with their views (statistics, schema, anomalies, training curves, evaluation, blessing,"
        + " pushed version) and lineage, read live from the store; a JSON API under /api. Stop with Ctrl-C."},
    footer = {"", "Example:", "  beamline ui --home /tmp/beamline-home --port 8080"})
final class UiCommand implements Callable<Integer> {
  @Mixin HomeOption home;
  @Spec CommandSpec spec;

  @Option(names = "--port", defaultValue = "8080", description = "Port (default: ${DEFAULT-VALUE}; 0 picks a free one).")
  int port;

  @Option(names = "--bind", defaultValue = Dashboard.DEFAULT_BIND,
      description = "Address to listen on (default: ${DEFAULT-VALUE}); anything but loopback needs --token.")
  String bind;

  @Option(names = "--token", paramLabel = "T",
      description = "Every request must carry it (?token=T once in the browser, or 'Authorization: Bearer T').")
  String token;

  @Override
  public Integer call() throws InterruptedException {
    PrintWriter out = spec.commandLine().getOut();
    BeamlineHome h = home.resolve();
    Dashboard.Server server;
    try {
      server = Dashboard.over(h.dir()).withBind(bind).withPort(port).withToken(token).start();
    } catch (IllegalArgumentException e) {
      throw new picocli.CommandLine.ParameterException(spec.commandLine(), e.getMessage());
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      server.close();
      stopped.countDown();
    }));
    out.println("Beamline dashboard on " + server.uri() + (token == null ? "" : "?token=...")
        + " over " + TerminalText.escape(h.dir()) + " (Ctrl-C stops it)");
    out.flush();
    stopped.await();
    return 0;
  }
}
