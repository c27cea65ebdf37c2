package io.beamline.io.csv;

import org.apache.beam.sdk.transforms.splittabledofn.RestrictionTracker;
import org.apache.beam.sdk.transforms.splittabledofn.SplitResult;

/**
 * Tracks a reader through a {@link CsvLaneRange}, as {@link CsvRangeTracker} does through one part: a
 * claim is "the records from the end of the previous claim up to {@code offset} of part {@code part}
 * (exclusive), after which the next record starts on {@code line}", made after reading a batch and
 * before emitting it. Positions are ordered by part, then offset.
 *
 * <p>Only checkpoints are supported ({@code trySplit(0)}): the primary keeps what was claimed and the
 * residual starts exactly at the next record boundary of the part being read, with its line number.
 */
final class CsvLaneTracker extends RestrictionTracker<CsvLaneRange, CsvLaneTracker.Position> {
  /** A claim: records of {@code part} up to {@code offset} (exclusive); the next starts on {@code line}. */
  record Position(int part, long offset, long line) {
    /** Claimed at the end of the lane: nothing more to read, the range is done. */
    static final Position END = new Position(Integer.MAX_VALUE, Long.MAX_VALUE, Long.MAX_VALUE);

    boolean isAfter(int otherPart, long otherOffset) {
      return part > otherPart || (part == otherPart && offset > otherOffset);
    }
  }

  private CsvLaneRange range;
  private Position next;
  private boolean finished;

  CsvLaneTracker(CsvLaneRange range) {
    this.range = range;
    this.next = new Position(range.startPart(), range.startOffset(), range.startLine());
  }

  @Override
  public boolean tryClaim(Position position) {
    if (finished) {
      throw new IllegalStateException("Claim of " + position + " after the range " + range + " was done");
    }
    if (range.isAtOrPastEnd(next.part(), next.offset()) || position.equals(Position.END)) {
      finished = true;
      return false;
    }
    if (!position.isAfter(next.part(), next.offset())) {
      throw new IllegalArgumentException("Claim of records up to " + position
          + ", but the previous claim already reached " + next);
    }
    next = position;
    return true;
  }

  @Override
  public CsvLaneRange currentRestriction() {
    return range;
  }

  @Override
  public SplitResult<CsvLaneRange> trySplit(double fractionOfRemainder) {
    if (fractionOfRemainder != 0 || finished || range.isAtOrPastEnd(next.part(), next.offset())) {
      return null;
    }
    CsvLaneRange primary = new CsvLaneRange(range.startPart(), range.startOffset(), range.startLine(),
        next.part(), next.offset());
    CsvLaneRange residual = new CsvLaneRange(next.part(), next.offset(), next.line(),
        range.endPart(), range.endOffset());
    range = primary;
    return SplitResult.of(primary, residual);
  }

  @Override
  public void checkDone() {
    if (!finished && !range.isAtOrPastEnd(next.part(), next.offset())) {
      throw new IllegalStateException("CSV lane range " + range + " not read to its end: the last claim"
          + " ended at " + next);
    }
  }

  @Override
  public IsBounded isBounded() {
    return IsBounded.BOUNDED;
  }
}
