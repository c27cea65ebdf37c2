package io.beamline.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The {@code --home} and {@code --store} options every command that uses the store shares. */
final class HomeOption {
  @Option(names = "--home", paramLabel = "DIR",
      description = "Beamline home: metadata.sqlite and artifacts/ (default: $BEAMLINE_HOME, else ./beamline-home)")
  Path home;

  @Option(names = "--store", paramLabel = "JDBC_URL",
      description = "A shared metadata store instead of the home's metadata.sqlite, e.g. jdbc:postgresql://db:5432/beamline"
          + " (default: $BEAMLINE_STORE). Password from $BEAMLINE_STORE_PASSWORD, the file named by"
          + " $BEAMLINE_STORE_PASSWORD_FILE, $PGPASSWORD or ~/.pgpass; never put it in the URL.")
  String store;

  BeamlineHome resolve() {
    return BeamlineHome.resolve(home, store);
  }
}
