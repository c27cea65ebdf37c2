package io.beamline.orchestrator;

import java.time.Duration;
import java.util.Optional;

/**
 * Which pipeline runs garbage collection keeps: the newest {@code keepLast} runs of each pipeline,
 * and every run younger than {@code olderThan}. A run is collected only when no rule keeps it; a
 * run still RUNNING is always kept.
 *
 * <pre>{@code
 * RetentionPolicy.keepLast(5).andOlderThan(Duration.ofDays(30)) // the last 5, and a month of runs
 * }</pre>
 *
 * @param keepLast newest runs kept per pipeline; 0 keeps none by count
 * @param olderThan runs that started less than this long ago are kept; empty keeps none by age
 */
public record RetentionPolicy(int keepLast, Optional<Duration> olderThan) {
  public RetentionPolicy {
    if (keepLast < 0) {
      throw new IllegalArgumentException("keep-last must be 0 or more, got " + keepLast);
    }
    if (olderThan == null) {
      olderThan = Optional.empty();
    }
    if (olderThan.isPresent() && olderThan.get().isNegative()) {
      throw new IllegalArgumentException("older-than must not be negative, got " + olderThan.get());
    }
    if (keepLast == 0 && olderThan.isEmpty()) {
      // Collecting every finished run is never what a retention policy means.
      throw new IllegalArgumentException("a retention policy needs keep-last of at least 1 or an"
          + " older-than age");
    }
  }

  public static RetentionPolicy keepLast(int runs) {
    return new RetentionPolicy(runs, Optional.empty());
  }

  public static RetentionPolicy olderThan(Duration age) {
    return new RetentionPolicy(0, Optional.of(age));
  }

  public RetentionPolicy andOlderThan(Duration age) {
    return new RetentionPolicy(keepLast, Optional.of(age));
  }

  @Override
  public String toString() {
    return (keepLast > 0 ? "keep the last " + keepLast + " runs of each pipeline" : "")
        + (keepLast > 0 && olderThan.isPresent() ? " and " : "")
        + olderThan.map(d -> "every run younger than " + d).orElse("");
  }
}
