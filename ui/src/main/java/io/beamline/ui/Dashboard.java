package io.beamline.ui;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The dashboard over a Beamline home: runs, steps and their logs, artifacts with their views, and
 * lineage, read live from the home's store (read-only), with a JSON API behind every page.
 *
 * <pre>{@code
 * try (Dashboard.Server ui = Dashboard.over(Path.of("beamline-home")).withPort(0).start()) {
 *   System.out.println(ui.uri()); // http://127.0.0.1:<free port>/
 * }
 * }</pre>
 *
 * <p>Defaults: 127.0.0.1, port 8080, no token. Binding to an address that is not loopback needs a
 * token, checked on every request ({@code Authorization: Bearer T}, or {@code ?token=T} once, which
 * sets a cookie). Also a plain Java entry point: {@code java -cp ... io.beamline.ui.Dashboard --home
 * DIR [--port N] [--bind ADDR] [--token T]}.
 */
public final class Dashboard {
  public static final int DEFAULT_PORT = 8080;
  public static final String DEFAULT_BIND = "127.0.0.1";

  private final Path home;
  private final String bind;
  private final int port;
  private final Optional<String> token;

  private Dashboard(Path home, String bind, int port, Optional<String> token) {
    this.home = home;
    this.bind = bind;
    this.port = port;
    this.token = token;
  }

  public static Dashboard over(Path home) {
    return new Dashboard(home, DEFAULT_BIND, DEFAULT_PORT, Optional.empty());
  }

  /** The address to listen on; anything but loopback needs {@link #withToken}. */
  public Dashboard withBind(String address) {
    return new Dashboard(home, address, port, token);
  }

  /** The port; 0 picks a free one (see {@link Server#uri()}). */
  public Dashboard withPort(int newPort) {
    if (newPort < 0 || newPort > 65_535) {
      throw new IllegalArgumentException("--port must be 0..65535, got " + newPort);
    }
    return new Dashboard(home, bind, newPort, token);
  }

  public Dashboard withToken(String newToken) {
    if (newToken != null && newToken.length() < 8) {
      throw new IllegalArgumentException("--token must be at least 8 characters, got " + newToken.length());
    }
    return new Dashboard(home, bind, port, Optional.ofNullable(newToken));
  }

  /** Starts serving; fails when the address is not loopback and there is no token, or the port is taken. */
  public Server start() {
    InetAddress address;
    try {
      address = InetAddress.getByName(bind);
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("--bind " + bind + ": unknown address", e);
    }
    if (!address.isLoopbackAddress() && token.isEmpty()) {
      throw new IllegalArgumentException("--bind " + bind + " is not a loopback address: anyone who can reach it "
          + "could read the store, so give --token T (then every request must carry it)");
    }
    return DashboardServer.start(new Home(home), address, port, token);
  }

  /** A running dashboard; {@link #close()} stops it and closes the store. */
  public interface Server extends AutoCloseable {
    /** {@code http://host:port/}. */
    URI uri();

    int port();

    @Override
    void close();
  }

  public static void main(String[] args) {
    System.exit(new CommandLine(new Main()).execute(args));
  }

  @Command(name = "beamline-ui", mixinStandardHelpOptions = true,
      description = "Serve the dashboard over a Beamline home until stopped (Ctrl-C).")
  static final class Main implements Callable<Integer> {
    @Option(names = "--home", required = true, description = "The Beamline home (metadata.sqlite and artifacts/).")
    Path home;

    @Option(names = "--port", defaultValue = "8080", description = "Port (default ${DEFAULT-VALUE}; 0: a free one).")
    int port;

    @Option(names = "--bind", defaultValue = DEFAULT_BIND, description = "Address (default ${DEFAULT-VALUE}).")
    String bind;

    @Option(names = "--token", description = "Required of every request; needed to bind beyond loopback.")
    String token;

    @Override
    public Integer call() throws InterruptedException {
      Server server = over(home).withBind(bind).withPort(port).withToken(token).start();
      Runtime.getRuntime().addShutdownHook(new Thread(server::close));
      System.out.println("Beamline dashboard on " + server.uri() + " over " + home.toAbsolutePath().normalize());
      Thread.currentThread().join();
      return 0;
    }
  }
}
