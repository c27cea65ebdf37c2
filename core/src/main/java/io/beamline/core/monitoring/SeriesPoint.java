package io.beamline.core.monitoring;

import java.util.Objects;

/**
 * One value of a series.
 *
 * @param span the span the value belongs to (the artifact's {@code span} property; -1 when the
 *     artifact has none)
 * @param artifactId the store id of the artifact the value was read from (0 outside a store)
 * @param value the value; NaN when the artifact has no such value (e.g. the feature is absent)
 */
public record SeriesPoint(long span, long artifactId, double value) {
  /** The point's place on the series' axis: its span, else its artifact id. */
  public long key() {
    return span >= 0 ? span : artifactId;
  }

  @Override
  public String toString() {
    return (span >= 0 ? "span " + span : "artifact " + artifactId) + "=" + value;
  }

  /** Equal spans, ids and values (NaN equals NaN, as {@link Double#compare}). */
  @Override
  public boolean equals(Object o) {
    return o instanceof SeriesPoint p && span == p.span && artifactId == p.artifactId
        && Double.compare(value, p.value) == 0;
  }

  @Override
  public int hashCode() {
    return Objects.hash(span, artifactId, value);
  }
}
