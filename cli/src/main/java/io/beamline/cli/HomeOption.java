package io.beamline.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The {@code --home} option every command that uses the store shares. */
final class HomeOption {
  @Option(names = "--home", paramLabel = "DIR",
      description = "Beamline home: metadata.sqlite and artifacts/ (default: $BEAMLINE_HOME, else ./beamline-home)")
  Path home;

  BeamlineHome resolve() {
    return BeamlineHome.resolve(home);
  }
}
