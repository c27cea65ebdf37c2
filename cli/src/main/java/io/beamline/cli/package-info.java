/** The {@code beamline} command line: component subcommands, the demo, and store queries. */
package io.beamline.cli;
