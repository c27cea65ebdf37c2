/**
 * The columnar batch interface ({@link io.beamline.io.columns.FeatureColumns}) that every batch
 * format implements for consumers that fold values column by column, and the sink it pushes
 * values into. Its own package because it belongs to neither format: both {@code examples}
 * (Arrow) and CSV batches implement it.
 */
package io.beamline.io.columns;
