package io.beamline.cli;

import picocli.CommandLine.IVersionProvider;

/** The version from the jar manifest (set by the build), or "development" when run from classes. */
final class Version implements IVersionProvider {
  @Override
  public String[] getVersion() {
    String v = BeamlineCli.class.getPackage().getImplementationVersion();
    return new String[] {"beamline " + (v == null ? "development" : v)};
  }
}
