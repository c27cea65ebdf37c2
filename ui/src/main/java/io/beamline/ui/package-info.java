/**
 * The web dashboard over a Beamline home ({@link io.beamline.ui.Dashboard}): runs, their steps and
 * logs, artifacts with their views, and lineage, as HTML pages and the JSON API behind them.
 */
package io.beamline.ui;
